import { BridgeError } from "@presence/core";
import { ErrorCode } from "@slack/web-api";

/** The token no longer works: the person (or the workspace) must connect again. */
const AUTH_REVOKED = new Set([
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "account_inactive",
  "invalid_refresh_token",
  "user_removed_from_team",
  "team_disabled",
]);

/** The token works but may not do this: an admin must act (scopes, roles, workspace settings). */
const MISSING_PERMISSION = new Set([
  "missing_scope",
  "not_allowed_token_type",
  "no_permission",
  "not_admin",
  "not_app_admin",
  "cannot_update_admin_user",
  "permission_denied",
  "ekm_access_denied",
  "access_denied",
  "enterprise_is_restricted",
  "not_enabled",
]);

/** Slack's own trouble: worth retrying. */
const UNAVAILABLE = new Set([
  "fatal_error",
  "internal_error",
  "service_unavailable",
  "request_timeout",
  "profile_set_failed",
  "snooze_failed",
  "snooze_end_failed",
]);

interface SlackSdkError {
  code?: unknown;
  data?: { error?: unknown; needed?: unknown };
  retryAfter?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

/**
 * Maps whatever @slack/web-api threw to a BridgeError the pipeline acts on: a 429 → `rate_limited`
 * with its Retry-After; invalid_auth / token_revoked / account_inactive → `auth_revoked`;
 * missing_scope and role or setting refusals → `missing_permission`; network errors and 5xx →
 * `upstream_unavailable`; any other `ok:false` → `upstream_rejected`. `details.slackError` keeps
 * Slack's code (e.g. `token_expired`, which callers refresh and retry).
 */
export function classifySlackError(method: string, thrown: unknown): BridgeError {
  if (thrown instanceof BridgeError) return thrown;
  const error = (thrown ?? {}) as SlackSdkError;
  const cause = { cause: thrown };
  switch (error.code) {
    case ErrorCode.RateLimitedError: {
      const seconds = Number(error.retryAfter);
      return new BridgeError("rate_limited", `${method}: rate limited by Slack`, {
        ...cause,
        retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000,
        details: { slackError: "ratelimited", method },
      });
    }
    case ErrorCode.PlatformError: {
      const code = typeof error.data?.error === "string" ? error.data.error : "unknown_error";
      const details = {
        slackError: code,
        method,
        ...(typeof error.data?.needed === "string" ? { needed: error.data.needed } : {}),
      };
      const message = `${method}: ${code}${details.needed ? ` (needs ${details.needed})` : ""}`;
      if (code === "ratelimited")
        return new BridgeError("rate_limited", message, { ...cause, retryAfterMs: 60_000, details });
      if (code === "token_expired" || AUTH_REVOKED.has(code))
        return new BridgeError("auth_revoked", message, { ...cause, details });
      if (MISSING_PERMISSION.has(code))
        return new BridgeError("missing_permission", message, { ...cause, details });
      if (UNAVAILABLE.has(code))
        return new BridgeError("upstream_unavailable", message, { ...cause, details });
      return new BridgeError("upstream_rejected", message, { ...cause, details });
    }
    case ErrorCode.HTTPError: {
      const status = Number(error.statusCode);
      const code = status >= 500 || status === 408 ? "upstream_unavailable" : "upstream_rejected";
      return new BridgeError(code, `${method}: Slack answered HTTP ${status}`, {
        ...cause,
        details: { method, status },
      });
    }
    case ErrorCode.RequestError:
      return new BridgeError("upstream_unavailable", `${method}: Slack could not be reached`, {
        ...cause,
        details: { method },
      });
    default:
      return new BridgeError("internal", `${method}: ${String(error.message ?? thrown)}`, cause);
  }
}

/** Slack's error code behind a classified error (`token_expired`, `missing_scope` …), if any. */
export function slackErrorCode(error: BridgeError): string | undefined {
  const code = error.details.slackError;
  return typeof code === "string" ? code : undefined;
}
