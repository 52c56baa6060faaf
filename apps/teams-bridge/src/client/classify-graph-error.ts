import { AuthError, InteractionRequiredAuthError, ServerError } from "@azure/msal-node";
import { GraphError } from "@microsoft/microsoft-graph-client";
import { BridgeError } from "@presence/core";

/** Whose token made the call: the app's own (client credentials) or a signed-in account's. */
export type TokenKind = "app" | "delegated";

const DEFAULT_RETRY_AFTER_MS = 30_000;
/** msal blocks identical token requests this long after a 429/5xx without Retry-After. */
const MSAL_THROTTLE_MS = 60_000;

const AUTH_REVOKED_CODES = new Set([
  "invalid_grant",
  "interaction_required",
  "consent_required",
  "login_required",
  "no_tokens_found",
  "no_account_found",
]);
const APP_CONFIG_CODES = new Set([
  "invalid_client",
  "unauthorized_client",
  "invalid_scope",
  "invalid_resource",
  "invalid_request",
  "untrusted_authority",
]);

/**
 * Maps whatever a Graph call or a token request threw to the project's closed error codes:
 * 429 → rate_limited (Retry-After), 401 → auth_revoked for a signed-in account's token (for the app's
 * own token the caller refreshes it and the call is retried), 403 → missing_permission, 404 →
 * not_found, 409 → conflict, other 4xx → upstream_rejected, 5xx and network failures →
 * upstream_unavailable. Token errors: a revoked refresh token → auth_revoked; a wrong client secret,
 * certificate or app registration → config.
 */
export function classifyGraphError(error: unknown, kind: TokenKind, what: string): BridgeError {
  if (error instanceof BridgeError) return error;
  if (error instanceof GraphError) return fromGraphError(error, kind, what);
  if (error instanceof AuthError) return fromAuthError(error, kind, what);
  const message = error instanceof Error ? error.message : String(error);
  return new BridgeError("upstream_unavailable", `${what}: ${message}`, { cause: error });
}

function fromGraphError(error: GraphError, kind: TokenKind, what: string): BridgeError {
  const status = error.statusCode;
  const detail = `${what}: Graph answered ${status > 0 ? status : "nothing"}${error.code ? ` ${error.code}` : ""}${error.message ? ` (${error.message})` : ""}`;
  const options = { cause: error, details: { status, code: error.code, requestId: error.requestId } };
  if (status === 429) {
    return new BridgeError("rate_limited", detail, {
      ...options,
      retryAfterMs: retryAfterMs(error.headers) ?? DEFAULT_RETRY_AFTER_MS,
    });
  }
  if (status === 401)
    return new BridgeError(kind === "delegated" ? "auth_revoked" : "upstream_unavailable", detail, options);
  if (status === 403) return new BridgeError("missing_permission", detail, options);
  if (status === 404) return new BridgeError("not_found", detail, options);
  if (status === 409) return new BridgeError("conflict", detail, options);
  if (status >= 400 && status < 500) return new BridgeError("upstream_rejected", detail, options);
  const retryAfter = retryAfterMs(error.headers);
  return new BridgeError("upstream_unavailable", detail, {
    ...options,
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
  });
}

function fromAuthError(error: AuthError, kind: TokenKind, what: string): BridgeError {
  const code = error.errorCode.split(" ")[0] ?? "";
  const detail = `${what}: sign-in failed (${code || error.name}: ${error.errorMessage || error.message})`;
  const options = { cause: error, details: { code, subError: error.subError } };
  if (error instanceof InteractionRequiredAuthError || AUTH_REVOKED_CODES.has(code))
    return new BridgeError(kind === "delegated" ? "auth_revoked" : "config", detail, options);
  if (APP_CONFIG_CODES.has(code)) return new BridgeError("config", detail, options);
  const status = error instanceof ServerError ? error.status : undefined;
  if (status === 429 || code === "throttled")
    return new BridgeError("rate_limited", detail, { ...options, retryAfterMs: MSAL_THROTTLE_MS });
  return new BridgeError("upstream_unavailable", detail, options);
}

/** Retry-After as seconds (fractions allowed) or an HTTP date, in milliseconds. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const value = headers?.get("retry-after")?.trim();
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
