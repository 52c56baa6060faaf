import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from "@slack/web-api";
import { describe, expect, it } from "vitest";

import { classifySlackError, slackErrorCode } from "./classify-slack-error.ts";

function platform(error: string, extra: Record<string, unknown> = {}) {
  return new WebAPIPlatformError({ ok: false, error, ...extra });
}

describe("classifying Slack errors", () => {
  it("maps Slack's answers to what the pipeline does", () => {
    const cases: [unknown, string][] = [
      [platform("invalid_auth"), "auth_revoked"],
      [platform("token_revoked"), "auth_revoked"],
      [platform("account_inactive"), "auth_revoked"],
      [platform("token_expired"), "auth_revoked"],
      [
        platform("missing_scope", { needed: "users.profile:write", provided: "users:read" }),
        "missing_permission",
      ],
      [platform("not_admin"), "missing_permission"],
      [platform("cannot_update_admin_user"), "missing_permission"],
      [platform("fatal_error"), "upstream_unavailable"],
      [platform("too_long"), "upstream_rejected"],
      [platform("invalid_emoji_not_allowed"), "upstream_rejected"],
      [new WebAPIRateLimitedError(17), "rate_limited"],
      [new WebAPIHTTPError(503, "Service Unavailable", {}), "upstream_unavailable"],
      [new WebAPIHTTPError(404, "Not Found", {}), "upstream_rejected"],
      [new WebAPIRequestError(new Error("ECONNREFUSED")), "upstream_unavailable"],
      [new Error("boom"), "internal"],
    ];
    for (const [thrown, code] of cases)
      expect([String(thrown), classifySlackError("users.profile.set", thrown).code]).toEqual([
        String(thrown),
        code,
      ]);
  });

  it("keeps Retry-After, Slack's code and the missing scope", () => {
    expect(classifySlackError("dnd.setSnooze", new WebAPIRateLimitedError(17)).retryAfterMs).toBe(17_000);
    const missing = classifySlackError(
      "users.profile.set",
      platform("missing_scope", { needed: "users.profile:write" }),
    );
    expect(slackErrorCode(missing)).toBe("missing_scope");
    expect(missing.message).toContain("needs users.profile:write");
    expect(slackErrorCode(classifySlackError("users.profile.set", platform("token_expired")))).toBe(
      "token_expired",
    );
  });
});
