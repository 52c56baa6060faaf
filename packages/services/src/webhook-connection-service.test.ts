import {
  generateEncryptionKey,
  getWebhookSecret,
  listSyncEvents,
  listWebhookConnections,
  parseKeyRing,
} from "@presence/db";
import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  addWebhookConnection,
  removeWebhookConnection,
  rotateWebhookSecret,
  setWebhookConnectionEnabled,
} from "./webhook-connection-service.ts";

const ring = parseKeyRing(generateEncryptionKey());
const actor = { name: "admin:test" };
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

/** Every text value stored anywhere a secret could land, as the database holds it. */
async function storedText(): Promise<string> {
  const rows = await t.db.$queryRaw<{ row: string }[]>`
    SELECT row_to_json(c)::text AS row FROM "Credential" c
    UNION ALL SELECT row_to_json(w)::text FROM "WebhookConnection" w
    UNION ALL SELECT row_to_json(e)::text FROM "SyncEvent" e`;
  return rows.map((r) => r.row).join("\n");
}

describe("webhook connections", () => {
  it("adds a connection with a 32-byte secret shown once and stored only encrypted", async () => {
    const { connection, secret } = await addWebhookConnection(
      t.db,
      ring,
      {
        id: "phones",
        name: "Contoso phones",
        url: "https://phones.contoso.test/presence",
        direction: "both",
      },
      actor,
    );
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(connection).toMatchObject({ id: "phones", status: "active", createdBy: "admin:test" });
    expect(connection).not.toHaveProperty("secret");
    expect(JSON.stringify(await listWebhookConnections(t.db))).not.toContain(secret);
    expect(await storedText()).not.toContain(secret);
    expect(await getWebhookSecret(t.db, ring, "phones")).toBe(secret);
    const [event] = await listSyncEvents(t.db, { kinds: ["admin_action"] });
    expect(event).toMatchObject({
      correlationId: "admin:test",
      detail: { action: "webhook_added", connectionId: "phones" },
    });
  });

  it("rotates the secret: the old one stops working at once", async () => {
    const before = await getWebhookSecret(t.db, ring, "phones");
    const { secret } = await rotateWebhookSecret(t.db, ring, "phones", actor);
    expect(secret).not.toBe(before);
    expect(await getWebhookSecret(t.db, ring, "phones")).toBe(secret);
    expect(await storedText()).not.toContain(secret);
  });

  it("disables and enables, with the reason and an audit event each", async () => {
    expect(await setWebhookConnectionEnabled(t.db, "phones", false, actor, "maintenance")).toMatchObject({
      status: "disabled",
      statusReason: "maintenance",
    });
    expect(await setWebhookConnectionEnabled(t.db, "phones", true, actor)).toMatchObject({
      status: "active",
      statusReason: "",
    });
    const actions = (await listSyncEvents(t.db, { kinds: ["admin_action"] })).map(
      (e) => (e.detail as { action: string }).action,
    );
    expect(actions.slice(0, 3)).toEqual(["webhook_enabled", "webhook_disabled", "webhook_secret_rotated"]);
  });

  it.each([
    [{ id: "Phones", name: "x", direction: "in" }, /id/],
    [{ id: "crm", name: "x", direction: "out" }, /needs a url/],
    [{ id: "crm", name: "x", url: "http://crm.contoso.test/hook" }, /https/],
    [{ id: "crm", name: "x", url: "https://user:pw@crm.contoso.test/hook" }, /password/],
    [{ id: "crm", name: "", url: "https://crm.contoso.test/hook" }, /name/],
  ])("refuses %j", async (input, message) => {
    await expect(addWebhookConnection(t.db, ring, input as never, actor)).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringMatching(message) as unknown,
    });
  });

  it("refuses a second connection with the same id, and unknown ids", async () => {
    await expect(
      addWebhookConnection(t.db, ring, { id: "phones", name: "again", direction: "in" }, actor),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(rotateWebhookSecret(t.db, ring, "nobody", actor)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(setWebhookConnectionEnabled(t.db, "nobody", true, actor)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("allows http to this machine only (a local relay)", async () => {
    const { connection } = await addWebhookConnection(
      t.db,
      ring,
      { id: "relay", name: "Local relay", url: "http://127.0.0.1:9000/hook", direction: "out" },
      actor,
    );
    expect(connection.url).toBe("http://127.0.0.1:9000/hook");
  });

  it("removes a connection and its secret", async () => {
    await removeWebhookConnection(t.db, "phones", actor);
    expect(await getWebhookSecret(t.db, ring, "phones")).toBeNull();
    expect(await t.db.credential.count({ where: { owner: "webhook:phones" } })).toBe(0);
    await expect(removeWebhookConnection(t.db, "phones", actor)).rejects.toMatchObject({ code: "not_found" });
  });
});
