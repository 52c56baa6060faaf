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

  it("leaves ordinary text alone", () => {
    expect(maskTokens("In a meeting (via Teams)")).toBe("In a meeting (via Teams)");
  });
});
