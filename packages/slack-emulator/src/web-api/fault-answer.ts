import type { WebApiFault } from "../faults/fault-injector.ts";
import type { ApiRequest } from "./api-request.ts";
import { clientIdOf, stringArgument } from "./api-request.ts";
import { authenticate } from "./authenticate.ts";
import type { ApiCallRecord } from "./call-log.ts";
import type { ApiResponse, DispatchDeps } from "./dispatch.ts";

type Caller = Pick<ApiCallRecord, "token" | "tokenKind" | "appId" | "teamId" | "userId">;

/** Who made a faulted call, for the call log; the fault answers before Slack's checks, so nothing is refused. */
function callerOf(deps: DispatchDeps, request: ApiRequest | null): Caller {
  const unknown: Caller = {
    token: request?.token ?? null,
    tokenKind: null,
    appId: null,
    teamId: null,
    userId: null,
  };
  if (request === null) return unknown;
  try {
    const auth = authenticate(deps.world, request.token, stringArgument(request.args, "team_id"));
    return { ...unknown, tokenKind: auth.kind, appId: auth.app.id, teamId: auth.teamId, userId: auth.userId };
  } catch {
    return { ...unknown, appId: deps.world.appByClientId(clientIdOf(request) ?? "")?.id ?? null };
  }
}

/** The wire answer of a fault: an HTTP status (429 with Retry-After), an `{ok:false}` with 200, or none. */
function faultResponse(fault: WebApiFault): ApiResponse {
  if (fault.kind === "drop") return { status: 0, headers: {}, body: {}, drop: true };
  if (fault.kind === "slack_error")
    return { status: 200, headers: {}, body: { ok: false, error: fault.error ?? "internal_error" } };
  const headers: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
  return {
    status: fault.status ?? 500,
    headers,
    body: { ok: false, error: fault.error ?? "internal_error" },
  };
}

/**
 * Answers a call with an injected fault instead of running the method. The answer is deliberately off the
 * happy path, so it is not checked against the spec; the call log marks it with the fault's id.
 */
export function answerFault(
  deps: DispatchDeps,
  fault: WebApiFault,
  readRequest: () => ApiRequest,
  method: string,
  httpMethod: string,
): ApiResponse {
  let request: ApiRequest | null = null;
  try {
    request = readRequest();
  } catch {
    // An unreadable body is logged without arguments; the fault answers all the same.
  }
  const answer = faultResponse(fault);
  deps.calls.add({
    at: deps.world.clock.nowMs(),
    method,
    httpMethod,
    ...callerOf(deps, request),
    args: request?.args ?? {},
    status: answer.status,
    response: answer.body,
    error: answer.body.ok === false && typeof answer.body.error === "string" ? answer.body.error : null,
    retryAfter: fault.retryAfterSeconds ?? null,
    specViolations: [],
    fault: fault.id,
  });
  return answer;
}
