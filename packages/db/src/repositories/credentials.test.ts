import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { generateEncryptionKey, parseKeyRing } from "../crypto/key-ring.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { deleteCredentials, getCredential, putCredential, rotateCredentials } from "./credentials.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const TOKEN = "xoxp-1234567890-secret-token-value";

describe("credentials", () => {
  it("stores tokens encrypted: no plaintext anywhere in the table", async () => {
    const ring = parseKeyRing(generateEncryptionKey());
    await putCredential(t.db, ring, { kind: "slack_user", owner: "slack:T1:U1", secret: TOKEN });
    const raw = await t.db.$queryRaw<
      { dump: string }[]
    >`SELECT row_to_json(c)::text AS dump FROM "Credential" c`;
    expect(raw).toHaveLength(1);
    expect(raw[0]?.dump).not.toContain(TOKEN);
    expect(raw[0]?.dump).not.toContain("secret-token");
    expect((await getCredential(t.db, ring, "slack_user", "slack:T1:U1"))?.secret).toBe(TOKEN);
  });

  it("binds a ciphertext to its row: copied to another owner it does not decrypt", async () => {
    const ring = parseKeyRing(generateEncryptionKey());
    await putCredential(t.db, ring, { kind: "slack_user", owner: "slack:T1:U2", secret: "a" });
    const row = await t.db.credential.findUniqueOrThrow({
      where: { kind_owner: { kind: "slack_user", owner: "slack:T1:U2" } },
    });
    await t.db.credential.create({
      data: { kind: "slack_user", owner: "slack:T1:U3", keyId: row.keyId, ciphertext: row.ciphertext },
    });
    await expect(getCredential(t.db, ring, "slack_user", "slack:T1:U3")).rejects.toThrow(/decrypt/);
  });

  it("rotates: re-encrypts every row under the new key, old key no longer needed", async () => {
    await t.db.credential.deleteMany();
    const oldKey = generateEncryptionKey();
    const oldRing = parseKeyRing(oldKey);
    for (let i = 0; i < 5; i++) {
      await putCredential(t.db, oldRing, {
        kind: "graph_refresh",
        owner: `entra:t:${i}`,
        secret: `refresh-${i}`,
      });
    }
    const newKey = generateEncryptionKey();
    const rotating = parseKeyRing(newKey, [oldKey]);
    const count = await rotateCredentials(t.db, rotating, 2);
    expect(count).toBe(5);
    expect(await rotateCredentials(t.db, rotating)).toBe(0);
    const stale = await t.db.credential.count({ where: { keyId: { not: rotating.currentId } } });
    expect(stale).toBe(0);
    const newOnly = parseKeyRing(newKey);
    expect((await getCredential(t.db, newOnly, "graph_refresh", "entra:t:3"))?.secret).toBe("refresh-3");
    await expect(getCredential(t.db, oldRing, "graph_refresh", "entra:t:3")).rejects.toThrow(
      /TOKEN_ENCRYPTION_OLD_KEYS/,
    );
  });

  it("never writes back a secret that was replaced while rotating (a refreshed token stays the new one)", async () => {
    await t.db.credential.deleteMany();
    const oldKey = generateEncryptionKey();
    const oldRing = parseKeyRing(oldKey);
    await putCredential(t.db, oldRing, { kind: "slack_user_refresh", owner: "slack:T9:U9", secret: "spent" });
    const rotating = parseKeyRing(generateEncryptionKey(), [oldKey]);
    // Another replica refreshes the token between the rotation's read and its write (still under the old key).
    let refreshed = false;
    const racing = new Proxy(t.db, {
      get(target, property, receiver) {
        if (property !== "credential") return Reflect.get(target, property, receiver) as unknown;
        return new Proxy(target.credential, {
          get(credential, method, r) {
            if (method !== "findMany") return Reflect.get(credential, method, r) as unknown;
            return async (args: Parameters<typeof credential.findMany>[0]) => {
              const rows = await credential.findMany(args);
              if (!refreshed) {
                refreshed = true;
                await putCredential(t.db, oldRing, {
                  kind: "slack_user_refresh",
                  owner: "slack:T9:U9",
                  secret: "fresh",
                });
              }
              return rows;
            };
          },
        });
      },
    });
    await rotateCredentials(racing, rotating);
    expect((await getCredential(t.db, rotating, "slack_user_refresh", "slack:T9:U9"))?.secret).toBe("fresh");
    expect(await t.db.credential.count({ where: { keyId: { not: rotating.currentId } } })).toBe(0);
  });

  it("refuses to rotate a secret sealed by a key it was not given", async () => {
    const lost = parseKeyRing(generateEncryptionKey());
    await putCredential(t.db, lost, { kind: "slack_bot", owner: "slack:T5", secret: "b" });
    await expect(rotateCredentials(t.db, parseKeyRing(generateEncryptionKey()))).rejects.toThrow(
      /neither TOKEN_ENCRYPTION_KEY nor in TOKEN_ENCRYPTION_OLD_KEYS/,
    );
  });

  it("deletes an owner's tokens", async () => {
    const ring = parseKeyRing(generateEncryptionKey());
    await putCredential(t.db, ring, { kind: "slack_user", owner: "slack:T9:U9", secret: "x" });
    await putCredential(t.db, ring, { kind: "slack_user_refresh", owner: "slack:T9:U9", secret: "y" });
    expect(await deleteCredentials(t.db, "slack:T9:U9")).toBe(2);
    expect(await getCredential(t.db, ring, "slack_user", "slack:T9:U9")).toBeNull();
  });
});

describe("key ring", () => {
  it("rejects keys that are not 32 bytes, naming the variable", () => {
    expect(() => parseKeyRing("short")).toThrow(/TOKEN_ENCRYPTION_KEY must be 32 random bytes/);
    expect(() => parseKeyRing(generateEncryptionKey(), ["nope"])).toThrow(/TOKEN_ENCRYPTION_OLD_KEYS\[0\]/);
  });
  it("accepts hex keys and derives stable ids", () => {
    const hex = "ab".repeat(32);
    expect(parseKeyRing(hex).currentId).toBe(
      parseKeyRing(Buffer.from(hex, "hex").toString("base64")).currentId,
    );
  });
});
