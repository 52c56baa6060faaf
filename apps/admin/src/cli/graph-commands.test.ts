import { generateEncryptionKey, parseKeyRing } from "@presence/db";
import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import { readConnectState } from "@presence/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runCli } from "./program.ts";

const TENANT = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const ring = parseKeyRing(generateEncryptionKey());
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function cli(argv: string[], publicBaseUrl?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    db: async () => t.db,
    keyRing: () => ring,
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    actor: { name: "cli:test" },
    ...(publicBaseUrl ? { publicBaseUrl } : {}),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("presence graph", () => {
  it("prints a signed link that adds a service account, once PUBLIC_BASE_URL is known", async () => {
    const { code, out } = await cli(
      ["graph", "add-account", "--login-hint", "svc@contoso.com"],
      "https://bridge.example.com",
    );
    expect(code).toBe(0);
    const url = new URL(out);
    expect(`${url.origin}${url.pathname}`).toBe("https://bridge.example.com/graph/service-accounts/connect");
    expect(url.searchParams.get("login_hint")).toBe("svc@contoso.com");
    expect(readConnectState(ring, url.searchParams.get("state") ?? "")).toMatchObject({
      connect: "microsoft-service-account",
    });
    const missing = await cli(["graph", "add-account"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/PUBLIC_BASE_URL/);
  });

  it("lists service accounts and sets a tenant's read mode", async () => {
    expect((await cli(["graph", "accounts"])).out).toMatch(/No service accounts/);
    await t.db.entraTenant.create({ data: { tenantId: TENANT } });
    await t.db.graphServiceAccount.create({
      data: {
        tenantId: TENANT,
        userId: "bbbbbbbb-bbbb-4bbb-8bbb-000000000001",
        userPrincipalName: "svc@contoso.com",
        homeAccountId: "x.y",
        userIds: ["p1", "p2"],
      },
    });
    const listed = await cli(["graph", "accounts"]);
    expect(listed.out).toMatch(/svc@contoso\.com\s+active\s+2/);

    expect((await cli(["graph", "read-mode", "notify"])).code).toBe(0);
    expect((await t.db.entraTenant.findUniqueOrThrow({ where: { tenantId: TENANT } })).readMode).toBe(
      "notify",
    );
    expect((await cli(["graph", "read-mode", "default"])).out).toMatch(/GRAPH_READ_MODE/);
    expect((await t.db.entraTenant.findUniqueOrThrow({ where: { tenantId: TENANT } })).readMode).toBeNull();
    expect((await cli(["graph", "read-mode", "sometimes"])).code).toBe(2);
  });
});
