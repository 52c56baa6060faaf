import { generateEncryptionKey, getWebhookSecret, parseKeyRing } from "@presence/db";
import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runCli } from "./program.ts";

const ring = parseKeyRing(generateEncryptionKey());
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    db: async () => t.db,
    keyRing: () => ring,
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    actor: { name: "cli:test" },
    publicBaseUrl: "https://bridge.example.com",
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("presence webhook", () => {
  it("adds a connection and prints its secret and URL once; the list never shows it", async () => {
    const added = await cli(["webhook", "add", "phones", "--name", "Contoso phones", "--direction", "in"]);
    expect(added.code).toBe(0);
    const secret = /Secret \(shown only now; store it in the system\): ([0-9a-f]{64})/.exec(added.out)?.[1];
    expect(secret).toBeDefined();
    expect(added.out).toContain("POST https://bridge.example.com/webhooks/phones");
    expect(await getWebhookSecret(t.db, ring, "phones")).toBe(secret);

    const listed = await cli(["webhook", "list"]);
    expect(listed.out).toMatch(/phones\s+Contoso phones\s+in\s+active/);
    expect(listed.out).not.toContain(secret);
    expect((await cli(["webhook", "list", "--json"])).out).not.toContain(secret);

    const rotated = await cli(["webhook", "rotate-secret", "phones"]);
    const next = /: ([0-9a-f]{64})/.exec(rotated.out)?.[1];
    expect(next).toBeDefined();
    expect(next).not.toBe(secret);
    expect(await getWebhookSecret(t.db, ring, "phones")).toBe(next);
  });

  it("disables, enables and removes", async () => {
    expect((await cli(["webhook", "disable", "phones", "--reason", "moving PBX"])).out).toBe(
      "Disabled webhook connection phones",
    );
    expect((await cli(["webhook", "list"])).out).toMatch(/disabled \(moving PBX\)/);
    expect((await cli(["webhook", "enable", "phones"])).code).toBe(0);
    expect((await cli(["webhook", "remove", "phones"])).out).toMatch(/Removed webhook connection phones/);
    expect((await cli(["webhook", "list"])).out).toMatch(/No webhook connections/);
  });

  it("refuses bad input with exit code 2, changing nothing", async () => {
    const noUrl = await cli(["webhook", "add", "crm", "--name", "CRM", "--direction", "out"]);
    expect(noUrl.code).toBe(2);
    expect(noUrl.err).toMatch(/needs a url/);
    expect((await cli(["webhook", "add", "Bad_Id", "--name", "x", "--direction", "in"])).code).toBe(2);
    expect((await cli(["webhook", "rotate-secret", "nobody"])).code).toBe(2);
    expect((await cli(["webhook", "add", "crm", "--name", "CRM", "--direction", "sideways"])).code).toBe(2);
    expect(await t.db.webhookConnection.count()).toBe(0);
  });
});
