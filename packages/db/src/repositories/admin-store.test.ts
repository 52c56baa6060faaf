import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { addAdminPrincipal, isAdmin, removeAdminPrincipal } from "./admin-principals.ts";
import { listDirectoryPeople, upsertDirectoryEntries } from "./directory.ts";
import { createLink, createLinksInBulk, setLinkStatus } from "./links.ts";
import { appendSyncEvents, SYNC_EVENTS_CHANNEL } from "./sync-events.ts";
import { createWebSession, findWebSession } from "./web-sessions.ts";

const TENANT = "11111111-1111-4111-8111-111111111111";
const entra = (n: number) => `22222222-2222-4222-8222-${String(n).padStart(12, "0")}`;

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("admin allow-list", () => {
  it("admits by Entra object id, group, e-mail or Slack user, and at once no longer after removal", async () => {
    const group = "33333333-3333-4333-8333-333333333333";
    const who = {
      provider: "microsoft" as const,
      tenantId: TENANT,
      userId: entra(1),
      email: "Ops@Example.com",
      groups: [group.toUpperCase()],
    };
    expect(await isAdmin(t.db, who)).toBe(false);
    const byGroup = await addAdminPrincipal(t.db, { kind: "entra_group", value: group }, "test");
    expect(await isAdmin(t.db, who)).toBe(true);
    await removeAdminPrincipal(t.db, byGroup.id);
    expect(await isAdmin(t.db, who)).toBe(false);
    await addAdminPrincipal(t.db, { kind: "email", value: " ops@example.COM " }, "test");
    expect(await isAdmin(t.db, who)).toBe(true);
    expect(await isAdmin(t.db, { ...who, email: null })).toBe(false);

    const slackWho = {
      provider: "slack" as const,
      tenantId: "T0ADMIN",
      userId: "U0ADMIN",
      email: null,
      groups: [],
    };
    expect(await isAdmin(t.db, slackWho)).toBe(false);
    await addAdminPrincipal(t.db, { kind: "slack_user", value: "t0admin/u0admin" }, "test");
    expect(await isAdmin(t.db, slackWho)).toBe(true);
  });

  it("refuses malformed entries with a clear message", async () => {
    await expect(addAdminPrincipal(t.db, { kind: "entra_user", value: "not-an-id" }, "t")).rejects.toThrow(
      /Invalid entra user/,
    );
    await expect(addAdminPrincipal(t.db, { kind: "slack_user", value: "U0ONLY" }, "t")).rejects.toThrow(
      /T…\/U…/,
    );
    await expect(addAdminPrincipal(t.db, { kind: "root", value: "x" }, "t")).rejects.toThrow(
      /Invalid admin kind/,
    );
  });
});

describe("web sessions", () => {
  const base = {
    provider: "microsoft" as const,
    tenantId: TENANT,
    userId: entra(2),
    name: "A",
    email: null,
    groups: [],
  };

  it("finds a session by its cookie only; the store holds a hash, never the cookie", async () => {
    const { cookie, session } = await createWebSession(t.db, { ...base, lifetimeMs: 60_000 });
    expect(session.id).not.toContain(cookie);
    expect((await findWebSession(t.db, cookie, 60_000))?.id).toBe(session.id);
    expect(await findWebSession(t.db, `${cookie.slice(0, -1)}x`, 60_000)).toBeNull();
  });

  it("ends a session at its expiry and after being idle", async () => {
    const now = Date.now();
    const { cookie } = await createWebSession(t.db, { ...base, lifetimeMs: 10_000 }, now);
    expect(await findWebSession(t.db, cookie, 60_000, now + 10_001)).toBeNull();
    const idle = await createWebSession(t.db, { ...base, lifetimeMs: 3_600_000 }, now);
    expect(await findWebSession(t.db, idle.cookie, 5_000, now + 4_000)).not.toBeNull();
    expect(await findWebSession(t.db, idle.cookie, 5_000, now + 9_500)).toBeNull();
  });
});

describe("directory people and bulk links", () => {
  it("lists links and unlinked accounts of both sides, with search and filters", async () => {
    await upsertDirectoryEntries(t.db, [
      { side: "slack", scopeId: "T0DIR", userId: "U0LINKED", email: "lin@x.test", displayName: "Lin Ked" },
      { side: "teams", scopeId: TENANT, userId: entra(10), email: "lin@x.test", displayName: "Lin Ked" },
      { side: "slack", scopeId: "T0DIR", userId: "U0SLACKONLY", email: "s@x.test", displayName: "Sam Slack" },
      {
        side: "teams",
        scopeId: TENANT,
        userId: entra(11),
        email: "g@x.test",
        displayName: "Gone",
        deactivated: true,
      },
    ]);
    const link = await createLink(t.db, {
      slackTeamId: "T0DIR",
      slackUserId: "U0LINKED",
      tenantId: TENANT,
      entraUserId: entra(10),
      email: "lin@x.test",
    });
    const all = await listDirectoryPeople(t.db, { search: "x.test" });
    expect(all.total).toBe(3);
    const linked = all.people.find((p) => p.linkId === link.id);
    expect(linked?.displayName).toBe("Lin Ked");
    expect(linked?.slack?.userId).toBe("U0LINKED");
    expect(linked?.teams?.userId).toBe(entra(10));
    expect((await listDirectoryPeople(t.db, { search: "x.test", filter: "unlinked" })).total).toBe(2);
    expect(
      (await listDirectoryPeople(t.db, { filter: "deactivated" })).people.map((p) => p.displayName),
    ).toEqual(["Gone"]);
    await setLinkStatus(t.db, link.id, { status: "paused" });
    expect((await listDirectoryPeople(t.db, { filter: "paused" })).people.map((p) => p.linkId)).toEqual([
      link.id,
    ]);
    expect((await listDirectoryPeople(t.db, { search: "100%_" })).total).toBe(0);
  });

  it("bulk-creates links with their sides and skips accounts already linked", async () => {
    const run = await t.db.bulkLinkRun.create({ data: { emails: [], requestedBy: "test" } });
    const inputs = [30, 31, 32].map((n) => ({
      slackTeamId: "T0BULK",
      slackUserId: `U0BULK${n}`,
      tenantId: TENANT,
      entraUserId: entra(n),
      email: `p${n}@bulk.test`,
      displayName: `P ${n}`,
    }));
    const first = await createLinksInBulk(t.db, inputs, run.id);
    expect(first).toHaveLength(3);
    expect(await t.db.linkSide.count({ where: { linkId: { in: first.map((l) => l.id) } } })).toBe(6);
    const again = await createLinksInBulk(t.db, inputs, run.id);
    expect(again).toEqual([]);
    expect(await t.db.link.count({ where: { bulkRunId: run.id } })).toBe(3);
  });
});

it("announces new sync events on the NOTIFY channel when the transaction commits", async () => {
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  const received: string[] = [];
  client.on("notification", (n) => received.push(n.payload ?? ""));
  await client.query(`LISTEN ${SYNC_EVENTS_CHANNEL}`);
  await t.db.$transaction(async (tx) => {
    await appendSyncEvents(tx, null, [{ kind: "link_updated", side: null, message: "m", detail: {} }]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toEqual([]);
  });
  await expect.poll(() => received.length).toBe(1);
  expect(JSON.parse(received[0] ?? "{}")).toMatchObject({
    linkId: null,
    maxId: expect.stringMatching(/^\d+$/),
  });
  await client.end();
});
