import { describe, expect, it } from "vitest";

import { fail } from "./check-result.ts";
import { secretRedactor } from "./redact-secrets.ts";

describe("secretRedactor", () => {
  it("removes configured secrets, the database password and token-shaped strings from every line", () => {
    const redact = secretRedactor({
      AZURE_CLIENT_SECRET: "azure-secret-value",
      TOKEN_ENCRYPTION_OLD_KEYS: "old-key-one, old-key-two",
      DATABASE_URL: "postgres://bridge:p%40ss-word@db:5432/presence",
    });
    const result = redact(
      fail(
        "config",
        "x",
        "saw azure-secret-value and old-key-two and p@ss-word and xoxb-123-456-abcdef",
        "not old-key-one",
      ),
    );
    expect(result.message).toBe("saw [redacted] and [redacted] and [redacted] and xoxb-…[redacted]");
    expect(result.fix).toBe("not [redacted]");
  });
});
