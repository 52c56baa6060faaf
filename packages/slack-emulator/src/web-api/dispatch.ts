import type { FaultInjector } from "../faults/fault-injector.ts";
import type { ApiRateLimiter } from "../rate-limits/api-rate-limiter.ts";
import type { SpecValidator } from "../spec/spec-validator.ts";
import type { ViolationLog } from "../spec/violation-log.ts";
import type { SlackWorld } from "../world/world.ts";
import { ApiError, invalidArguments } from "./api-error.ts";
import type { ApiRequest } from "./api-request.ts";
import { clientIdOf, stringArgument } from "./api-request.ts";
import { authenticate } from "./authenticate.ts";
import { answerFault } from "./fault-answer.ts";
import type { AuthContext } from "./authenticate.ts";
import type { CallLog } from "./call-log.ts";
import type { MethodContext, MethodDefinition, MethodServices } from "./method-definition.ts";

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** An injected fault: close the connection without answering. */
  drop?: boolean;
  /** An injected fault: hold the answer back this long. */
  delayMs?: number;
}

export interface DispatchDeps {
  world: SlackWorld;
  methods: ReadonlyMap<string, MethodDefinition>;
  limiter: ApiRateLimiter;
  spec: SpecValidator;
  calls: CallLog;
  violations: ViolationLog;
  faults: FaultInjector;
  services: MethodServices;
}

class RateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("ratelimited");
  }
}

function checkArguments(
  deps: DispatchDeps,
  definition: MethodDefinition,
  args: Record<string, unknown>,
): void {
  const problems = deps.spec.validateArgs(definition.name, args);
  if (problems.length === 0) return;
  for (const problem of problems) {
    const specific = definition.argErrors?.[problem.argument];
    if (specific) throw new ApiError(specific);
  }
  throw invalidArguments(problems.map((p) => p.message));
}

function authorize(
  deps: DispatchDeps,
  definition: MethodDefinition,
  request: ApiRequest,
  headers: Record<string, string>,
): AuthContext {
  const auth = authenticate(deps.world, request.token, stringArgument(request.args, "team_id"));
  headers["x-oauth-scopes"] = auth.scopes.join(",");
  if (!definition.accepts.includes(auth.kind)) throw new ApiError("not_allowed_token_type");
  const needed = deps.spec.scopesOf(definition.name);
  if (needed.length > 0) headers["x-accepted-oauth-scopes"] = needed.join(",");
  if (needed.length > 0 && !needed.some((scope) => auth.scopes.includes(scope))) {
    throw new ApiError("missing_scope", { needed: needed.join(","), provided: auth.scopes.join(",") });
  }
  return auth;
}

function admit(deps: DispatchDeps, definition: MethodDefinition, ctx: MethodContext): void {
  const { auth } = ctx;
  let verdict;
  if (auth === null) {
    const app = deps.world.appByClientId(clientIdOf(ctx.request) ?? "");
    if (!app) return;
    verdict = deps.limiter.admit({ method: definition.name, appId: app.id, scopeId: "oauth" });
  } else {
    const profileTarget =
      definition.profileTarget && auth.grant ? definition.profileTarget({ ...ctx, auth }) : undefined;
    verdict = deps.limiter.admit({
      method: definition.name,
      appId: auth.app.id,
      scopeId: auth.teamId ?? auth.enterpriseId ?? auth.app.id,
      ...(profileTarget && auth.grant
        ? { profile: { grantId: auth.grant.id, targetUserId: profileTarget } }
        : {}),
    });
  }
  if (verdict) throw new RateLimited(verdict.retryAfterSeconds);
}

/**
 * Runs one Web API call through Slack's checks in Slack's order, then logs and validates the answer. An
 * injected fault answers instead (the method does not run), or holds the normal answer back (`delay`).
 */
export async function dispatchApiCall(
  deps: DispatchDeps,
  readRequest: () => ApiRequest,
  method: string,
  httpMethod: string,
): Promise<ApiResponse> {
  const fault = deps.faults.takeWebApi(method);
  if (fault && fault.kind !== "delay") return answerFault(deps, fault, readRequest, method, httpMethod);
  const headers: Record<string, string> = {};
  let request: ApiRequest | null = null;
  let auth: AuthContext | null = null;
  let status = 200;
  let body: Record<string, unknown>;
  let retryAfter: number | null = null;
  try {
    request = readRequest();
    const definition = deps.methods.get(method);
    if (!definition) throw new ApiError("unknown_method");
    if (!definition.accepts.includes("client_credentials"))
      auth = authorize(deps, definition, request, headers);
    const ctx: MethodContext = {
      world: deps.world,
      services: deps.services,
      request,
      args: request.args,
      auth,
    };
    admit(deps, definition, ctx);
    checkArguments(deps, definition, request.args);
    body = { ok: true, ...(await definition.handle(ctx)) };
  } catch (error) {
    if (error instanceof ApiError) {
      body = { ok: false, error: error.code, ...error.extra };
    } else if (error instanceof RateLimited) {
      status = 429;
      retryAfter = error.retryAfterSeconds;
      headers["retry-after"] = String(retryAfter);
      body = { ok: false, error: "ratelimited" };
    } else {
      status = 500;
      const message = error instanceof Error ? error.message : String(error);
      deps.violations.add({ source: `web-api ${method}`, problems: [`emulator failure: ${message}`] });
      body = { ok: false, error: "internal_error" };
    }
  }
  let problems: string[] = [];
  if (deps.methods.has(method) && status !== 500) {
    problems = deps.spec.validateResponse(method, body);
    if (problems.length > 0) {
      deps.violations.add({ source: `web-api ${method} response`, problems });
      if (deps.violations.mode === "fail") {
        status = 500;
        body = { ok: false, error: "internal_error", emulator_spec_violations: problems };
      }
    }
  }
  deps.calls.add({
    at: deps.world.clock.nowMs(),
    method,
    httpMethod,
    token: request?.token ?? null,
    tokenKind: auth?.kind ?? null,
    appId:
      auth?.app.id ?? (request ? (deps.world.appByClientId(clientIdOf(request) ?? "")?.id ?? null) : null),
    teamId: auth?.teamId ?? null,
    userId: auth?.userId ?? null,
    args: request?.args ?? {},
    status,
    response: body,
    error: body.ok === false && typeof body.error === "string" ? body.error : null,
    retryAfter,
    specViolations: problems,
    fault: fault?.id ?? null,
  });
  return { status, headers, body, ...(fault?.delayMs === undefined ? {} : { delayMs: fault.delayMs }) };
}
