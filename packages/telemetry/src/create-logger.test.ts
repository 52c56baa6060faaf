import { Writable } from "node:stream";

import { describe, expect, it } from "vitest";

import { createLogger, maskTokens } from "./create-logger.ts";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger({ service: "test", destination }) };
}

describe("logger", () => {
  it("redacts secrets by key, at any depth it knows", () => {
    const { lines, logger } = capture();
    logger.info(
      {
        installation: { bot: { token: "xoxb-111-222-secret" }, user: { refreshToken: "xoxe-1-refresh" } },
        request: { headers: { authorization: "Bearer eyJabc.def.ghi" } },
        credentials: { clientSecret: "azure-secret", access_token: "tok" },
      },
      "stored",
    );
    const line = lines.join("");
    for (const secret of [
      "xoxb-111-222-secret",
      "xoxe-1-refresh",
      "eyJabc.def.ghi",
      "azure-secret",
      '"tok"',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain("[redacted]");
    expect(JSON.parse(line)).toMatchObject({ service: "test", level: "info", msg: "stored" });
  });

  it("masks token-shaped strings inside messages", () => {
    const { lines, logger } = capture();
    logger.warn("call failed for xoxp-1234-5678-abcdef with Bearer abc.def");
    expect(lines.join("")).not.toContain("xoxp-1234-5678-abcdef");
    expect(lines.join("")).not.toContain("abc.def");
  });

  it("masks tokens in errors: message, stack, nested causes and fields, and headers of any case", () => {
    const { lines, logger } = capture();
    const cause = Object.assign(new Error("upstream said: invalid_auth for xoxb-9999-8888-cause-token"), {
      data: { response_metadata: { messages: ["token xoxp-1-2-nested-in-array"] } },
    });
    const error = Object.assign(new Error("call failed with eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl", { cause }), {
      code: "slack_webapi_platform_error",
      config: {
        headers: { Authorization: "Bearer abcdef.secret-bearer", AUTHORIZATION: "Basic dXNlcjpwYXNz" },
      },
      refresh_Token: "xoxe-1-upper-case-key",
    });
    error.stack = `${error.stack ?? ""}\n    at refresh (xoxe.xoxp-1-in-the-stack)`;
    logger.error({ err: error, extra: { Cookie: "presence_session=abc123session" } }, "failed");
    const line = lines.join("");
    for (const secret of [
      "9999-8888-cause-token",
      "nested-in-array",
      "eyJzdWIiOi.c2lnbmF0dXJl",
      "abcdef.secret-bearer",
      "dXNlcjpwYXNz",
      "upper-case-key",
      "in-the-stack",
      "abc123session",
    ])
      expect(line, secret).not.toContain(secret);
    const parsed = JSON.parse(line) as { err: { message: string; code: string; cause: { message: string } } };
    expect(parsed.err.code).toBe("slack_webapi_platform_error");
    expect(parsed.err.message).toMatch(/^call failed with eyJhb…\[redacted\]$/);
    expect(parsed.err.cause.message).toContain("invalid_auth");
  });

  it("leaves ordinary text alone", () => {
    expect(maskTokens("In a meeting (via Teams)")).toBe("In a meeting (via Teams)");
  });
});
