import type { EmulatorCore } from "../core.ts";
import type { DirectoryUser } from "../directory/directory.ts";
import { GraphError, sendGraphError, sendTooManyRequests } from "./graph-errors.ts";
import { graphRoute, type GraphCall } from "./graph-route.ts";

export interface OutlookCall extends GraphCall {
  /** The mailbox the call is about (`/me` or `/users/{id | userPrincipalName}`). */
  mailbox: DirectoryUser;
}

/** `/me/...` needs a delegated token (as the presence and user routes answer). */
function meOf(call: GraphCall): string {
  if (call.principal.kind !== "delegated")
    throw new GraphError(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
  return call.principal.userId;
}

/** Exchange's answer for a user it has no mailbox for [field-observed]. */
function mailboxOf(core: EmulatorCore, call: GraphCall, idOrUpn: string): DirectoryUser {
  const user = core.directory.findUser(call.principal.tenantId, idOrUpn);
  if (!user) throw new GraphError(404, "ErrorInvalidUser", `The requested user '${idOrUpn}' is invalid.`);
  return user;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * An Outlook (Exchange-backed) Graph route: graphRoute (faults, token) then the mailbox, then the Outlook service
 * limits per app per mailbox — the request budget (429 TooManyRequests, Retry-After = rest of the window) and the
 * requests in flight (429 ApplicationThrottled "MailboxConcurrency", the field-reported answer, Retry-After 1 s) —
 * then the handler. `outlookLatencyMs` keeps each request in flight that long, to exercise the concurrency limit.
 */
export function outlookRoute(
  core: EmulatorCore,
  kind: "calendar" | "mailbox-settings",
  target: "me" | "param",
  handler: (call: OutlookCall) => Promise<void> | void,
) {
  return graphRoute(core, kind, async (call) => {
    const mailbox = mailboxOf(core, call, target === "me" ? meOf(call) : String(call.req.params.id));
    const retryAfter = core.outlookThrottle.hit(mailbox.id, call.principal.appId);
    if (retryAfter !== undefined) return sendTooManyRequests(call.res, retryAfter);
    const release = core.outlookConcurrency.enter(`${call.principal.appId}:${mailbox.id}`);
    if (!release)
      return sendGraphError(
        call.res,
        429,
        "ApplicationThrottled",
        "Application is over its MailboxConcurrency limit.",
        { retryAfterS: 1 },
      );
    try {
      if (core.config.outlookLatencyMs > 0) await sleep(core.config.outlookLatencyMs);
      await handler({ ...call, mailbox });
    } finally {
      release();
    }
  });
}
