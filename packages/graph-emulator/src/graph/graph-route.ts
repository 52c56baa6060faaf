import type { Request, Response } from "express";
import { graphResources, type EmulatorCore } from "../core.ts";
import type { Principal } from "../entra/token-issuer.ts";
import type { GraphRequestKind } from "../faults.ts";
import { logFacts } from "../http-context.ts";
import { GraphError, sendGraphError, sendTooManyRequests } from "./graph-errors.ts";

export interface GraphCall {
  req: Request;
  res: Response;
  principal: Principal;
  core: EmulatorCore;
}

async function authenticate(core: EmulatorCore, req: Request): Promise<Principal> {
  const header = req.header("authorization");
  if (!header || !/^Bearer\s+\S/i.test(header))
    throw new GraphError(401, "InvalidAuthenticationToken", "Access token is empty.");
  const check = await core.issuer.verify(header.replace(/^Bearer\s+/i, ""), [...graphResources(core)]);
  if (!check.ok) {
    throw new GraphError(
      401,
      "InvalidAuthenticationToken",
      check.reason === "expired"
        ? "Lifetime validation failed, the token is expired."
        : "Access token validation failure.",
    );
  }
  const { principal } = check;
  const app = core.directory.app(principal.appId);
  if (!core.directory.findTenant(principal.tenantId) || !app || app.tenantId !== principal.tenantId) {
    throw new GraphError(
      401,
      "InvalidAuthenticationToken",
      "Access token validation failure. Invalid audience or tenant.",
    );
  }
  return principal;
}

/**
 * Wraps a Graph handler: injected faults first (as from a gateway), then the bearer token (401), the presence
 * throttle per app per tenant (429), then the handler; GraphErrors become Graph's error JSON.
 */
export function graphRoute(
  core: EmulatorCore,
  kind: GraphRequestKind,
  handler: (call: GraphCall) => Promise<void> | void,
) {
  return async (req: Request, res: Response): Promise<void> => {
    const facts = logFacts(res);
    try {
      const fault = core.faults.take(kind);
      if (fault) {
        facts.fault = true;
        if (fault.status === 429) return sendTooManyRequests(res, fault.retryAfterS ?? 1);
        return sendGraphError(
          res,
          fault.status,
          fault.code ?? (fault.status >= 500 ? "serviceNotAvailable" : "generalException"),
          fault.message ?? "Injected failure.",
          {
            ...(fault.retryAfterS === undefined ? {} : { retryAfterS: fault.retryAfterS }),
          },
        );
      }
      const principal = await authenticate(core, req);
      facts.appId = principal.appId;
      facts.tenantId = principal.tenantId;
      facts.tokenKind = principal.kind;
      if (principal.kind === "delegated") facts.userId = principal.userId;
      if (kind === "presence-read" || kind === "presence-write") {
        const retryAfter = core.throttle.hit(principal.tenantId, principal.appId);
        if (retryAfter !== undefined) return sendTooManyRequests(res, retryAfter);
      }
      await handler({ req, res, principal, core });
    } catch (error) {
      if (error instanceof GraphError) return sendGraphError(res, error.status, error.code, error.message);
      throw error;
    }
  };
}

/** Parses a JSON body with a zod schema; a mismatch is Graph's 400 BadRequest. */
export function parseBody<T>(
  schema: {
    safeParse(
      input: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  body: unknown,
): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new GraphError(
      400,
      "BadRequest",
      `Invalid request body: ${issue ? `${issue.path.map(String).join(".") || "body"}: ${issue.message}` : "malformed"}.`,
    );
  }
  return result.data;
}
