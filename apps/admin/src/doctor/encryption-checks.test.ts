import { generateEncryptionKey, parseKeyRing, putCredential } from "@presence/db";
import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { checkCredentials, checkKeyRing } from "./encryption-checks.ts";
import { checkEnvironment } from "./environment-checks.ts";

let t: TestDatabase;
const oldKey = generateEncryptionKey();
const newKey = generateEncryptionKey();

beforeAll(async () => {
  t = await createTestDatabase();
  const ring = parseKeyRing(oldKey);
  await putCredential(t.db, ring, { kind: "slack_bot", owner: "slack:T1", secret: "xoxb-1" });
  await putCredential(t.db, ring, { kind: "slack_user", owner: "slack:T1:U1", secret: "xoxp-1" });
});
afterAll(async () => {
  await t.drop();
});

const ringOf = (env: NodeJS.ProcessEnv) => {
  const { config, invalid } = checkEnvironment(env);
  return checkKeyRing(config, invalid);
};

describe("the encryption key", () => {
  it("names a malformed or missing key", () => {
    expect(ringOf({ TOKEN_ENCRYPTION_KEY: "too-short" }).result).toMatchObject({
      status: "fail",
      message: expect.stringMatching(/TOKEN_ENCRYPTION_KEY must be 32 random bytes/),
    });
    expect(ringOf({ DATABASE_URL: t.url }).result).toMatchObject({
      status: "fail",
      message: "TOKEN_ENCRYPTION_KEY is required with DATABASE_URL but not set",
    });
  });

  it("counts stored secrets per key: all good, some under an old key, some under an unknown one", async () => {
    const good = ringOf({ TOKEN_ENCRYPTION_KEY: oldKey }).ring;
    expect(await checkCredentials(t.db, good)).toMatchObject({ status: "ok", message: /all 2 decrypt/ });

    const rotating = ringOf({ TOKEN_ENCRYPTION_KEY: newKey, TOKEN_ENCRYPTION_OLD_KEYS: oldKey }).ring;
    expect(await checkCredentials(t.db, rotating)).toMatchObject({
      status: "warn",
      message: `all 2 decrypt; 2 still under old key(s) ${parseKeyRing(oldKey).currentId}`,
      fix: expect.stringMatching(/presence rotate-key/),
    });

    const wrong = ringOf({ TOKEN_ENCRYPTION_KEY: newKey }).ring;
    expect(await checkCredentials(t.db, wrong)).toMatchObject({
      status: "fail",
      message: expect.stringMatching(
        new RegExp(
          `^2 of 2 stored secret\\(s\\) cannot be decrypted: 2 under key ${parseKeyRing(oldKey).currentId}`,
        ),
      ),
    });
  });
});
