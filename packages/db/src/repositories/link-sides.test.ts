import { defaultSettings, type SlackHold, type TeamsView } from "@presence/core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { addExpectation, pendingExpectations } from "./expectations.ts";
import {
  loadDecisionState,
  loadLinkSnapshot,
  loadWebhookSide,
  lockLink,
  lockSide,
  saveLinkChanges,
  saveSide,
} from "./link-sides.ts";
import { createLink, findLinkByEmail, findLinkByEntra, findLinkBySlack } from "./links.ts";
import { appendSyncEvents, countRecentWrites, SYNC_EVENTS_CHANNEL } from "./sync-events.ts";

const TENANT = "11111111-1111-4111-8111-111111111111";
const settings = defaultSettings();
const meeting: TeamsView = {
  presence: { availability: "Busy", activity: "InAMeeting" },
  outOfOffice: { isOutOfOffice: false },
};
const status = (text: string): SlackHold => ({ status: { text, emoji: ":x:", expiresAt: null } });

let t: TestDatabase;
let people = 0;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

function newLink() {
  people += 1;
  return createLink(t.db, {
    slackTeamId: "T0SIDES",
    slackUserId: `U0SIDES${people}`,
    tenantId: TENANT,
    entraUserId: `22222222-2222-4222-8222-${String(people).padStart(12, "0")}`,
    email: `person${people}@example.com`,
  });
}

describe("loadDecisionState", () => {
  it("reads in one statement what loadLinkSnapshot, pendingExpectations and countRecentWrites read", async () => {
    const link = await newLink();
    const now = Date.now();
    await saveLinkChanges(t.db, link.id, {
      sides: [
        { side: "slack", record: { view: {}, versions: {}, hold: status("a"), written: {}, attempted: {} } },
        {
          side: "teams",
          record: { view: meeting, versions: { presence: "7" }, hold: {}, written: {}, attempted: {} },
        },
      ],
      outlook: { record: { view: {}, versions: { calendar: "1" } }, observedAt: new Date(now) },
    });
    const expectation = { facet: "status", fingerprint: "f1" };
    await addExpectation(t.db, link.id, "slack", expectation, new Date(now + 60_000));
    await addExpectation(t.db, link.id, "teams", { facet: "session", fingerprint: "f2" }, new Date(now + 1));
    await addExpectation(t.db, link.id, "slack", { facet: "dnd", fingerprint: "gone" }, new Date(now - 1));
    const written = { kind: "written" as const, side: "slack" as const, message: "w", detail: {} };
    await appendSyncEvents(t.db, link.id, [written, written, { ...written, kind: "mirrored" }]);
    await t.db.$executeRaw`
      INSERT INTO "SyncEvent" ("linkId", "kind", "side", "message", "at")
      VALUES (${link.id}, 'written', 'slack', 'old', now() - interval '1 hour')`;

    const since = new Date(now - settings.flapWindowSeconds * 1000);
    const state = await loadDecisionState(t.db, link.id, settings, now);
    expect(state?.link).toEqual(await loadLinkSnapshot(t.db, link.id, settings));
    expect(state?.link.teams.view).toEqual(meeting);
    const pending = await pendingExpectations(t.db, link.id, new Date(now));
    expect(pending).toHaveLength(2);
    expect(state?.expectations).toHaveLength(2);
    expect(state?.expectations).toEqual(expect.arrayContaining(pending));
    expect(state?.recentWrites).toBe(await countRecentWrites(t.db, link.id, since));
    expect(state?.recentWrites).toBe(2);
  });

  it("is null for a link that does not exist", async () => {
    expect(await loadDecisionState(t.db, "no-such-link", settings, Date.now())).toBeNull();
  });
});

describe("saveLinkChanges", () => {
  it("stores sides, Outlook and webhook records, expectations and events in one statement, announced once", async () => {
    const link = await newLink();
    const listener = new pg.Client({ connectionString: t.url });
    await listener.connect();
    const received: string[] = [];
    listener.on("notification", (n) => received.push(n.payload ?? ""));
    await listener.query(`LISTEN ${SYNC_EVENTS_CHANNEL}`);

    const observedAt = new Date(Date.now() - 5_000);
    const writtenAt = new Date(Date.now() - 1_000);
    const heldUntil = new Date(Date.now() + 3_600_000);
    const teams = { view: meeting, versions: { presence: "9" }, hold: {}, written: {}, attempted: {} };
    const slack = { view: {}, versions: {}, hold: status("b"), written: status("b"), attempted: {} };
    await saveLinkChanges(t.db, link.id, {
      sides: [
        { side: "teams", record: teams, observedAt },
        { side: "slack", record: slack, writtenAt, heldUntil },
      ],
      outlook: { record: { view: {}, versions: { calendar: "2" } }, observedAt },
      webhook: { record: { view: {}, versions: {}, hold: { state: null } }, observedAt: null },
      expectations: {
        side: "slack",
        list: [
          { facet: "status", fingerprint: "s1" },
          { facet: "dnd", fingerprint: "d1" },
        ],
        expiresAt: heldUntil,
      },
      events: {
        drafts: [
          { kind: "mirrored", side: "slack", message: "m", detail: { a: 1 } },
          { kind: "no_change", side: "teams", message: "n", detail: {} },
        ],
        correlationId: "job:1",
      },
    });

    const snapshot = await loadLinkSnapshot(t.db, link.id, settings);
    expect(snapshot?.teams).toEqual(teams);
    expect(snapshot?.slack).toEqual(slack);
    expect(snapshot?.outlook.versions).toEqual({ calendar: "2" });
    expect(await loadWebhookSide(t.db, link.id)).toEqual({ hold: { state: null }, view: {} });
    const sides = await t.db.linkSide.findMany({ where: { linkId: link.id }, orderBy: { side: "asc" } });
    const bySide = Object.fromEntries(sides.map((s) => [s.side, s]));
    expect(bySide.teams?.observedAt).toEqual(observedAt);
    expect(bySide.slack?.observedAt).toBeNull();
    expect(bySide.slack?.writtenAt).toEqual(writtenAt);
    expect(bySide.slack?.heldUntil).toEqual(heldUntil);
    expect(bySide.outlook?.observedAt).toEqual(observedAt);
    const expectations = await pendingExpectations(t.db, link.id, new Date());
    expect(expectations.map((e) => [e.side, e.facet, e.fingerprint, e.expiresAt]).sort()).toEqual([
      ["slack", "dnd", "d1", heldUntil.getTime()],
      ["slack", "status", "s1", heldUntil.getTime()],
    ]);
    const events = await t.db.syncEvent.findMany({ where: { linkId: link.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.kind, e.side, e.correlationId, e.detail])).toEqual([
      ["mirrored", "slack", "job:1", { a: 1 }],
      ["no_change", "teams", "job:1", {}],
    ]);
    // The embedded server delivers no notifications to other sessions.
    if (!t.embedded) {
      await expect.poll(() => received.length).toBe(1);
      expect(JSON.parse(received[0] ?? "{}")).toEqual({ linkId: link.id, maxId: String(events[1]?.id) });
    }
    await listener.end();
  });

  it("keeps what it is not given: an observation time, heldUntil, and sides not named", async () => {
    const link = await newLink();
    const observedAt = new Date(Date.now() - 10_000);
    const heldUntil = new Date(Date.now() + 60_000);
    const record = { view: {}, versions: {}, hold: status("c"), written: {}, attempted: {} };
    await saveSide(t.db, link.id, "slack", { record, observedAt, heldUntil });
    const before = await t.db.linkSide.findUniqueOrThrow({
      where: { linkId_side: { linkId: link.id, side: "teams" } },
    });
    // Two sides and no events: one statement as well; a single change is sent as it is.
    await saveLinkChanges(t.db, link.id, {
      sides: [{ side: "slack", record: { ...record, written: status("c") } }],
      expectations: { side: "slack", list: [], expiresAt: heldUntil },
    });
    const slack = await t.db.linkSide.findUniqueOrThrow({
      where: { linkId_side: { linkId: link.id, side: "slack" } },
    });
    expect(slack.written).toEqual(status("c"));
    expect(slack.observedAt).toEqual(observedAt);
    expect(slack.heldUntil).toEqual(heldUntil);
    const teams = await t.db.linkSide.findUniqueOrThrow({
      where: { linkId_side: { linkId: link.id, side: "teams" } },
    });
    expect(teams).toEqual(before);
    await saveLinkChanges(t.db, link.id, {});
    await saveLinkChanges(t.db, link.id, { events: { drafts: [], correlationId: null } });
    expect(await t.db.syncEvent.count({ where: { linkId: link.id } })).toBe(0);
  });
});

describe("row locks in one statement", () => {
  it("finding a link with `lock` takes its row lock for the transaction", async () => {
    const link = await newLink();
    const finders = [
      (tx: Parameters<typeof findLinkBySlack>[0]) =>
        findLinkBySlack(tx, link.slackTeamId, link.slackUserId, { lock: true }),
      (tx: Parameters<typeof findLinkBySlack>[0]) =>
        findLinkByEntra(tx, link.tenantId, link.entraUserId.toUpperCase(), { lock: true }),
      (tx: Parameters<typeof findLinkBySlack>[0]) => findLinkByEmail(tx, link.email ?? "", { lock: true }),
    ];
    for (const find of finders) {
      await t.db.$transaction(async (tx) => {
        expect((await find(tx))?.id).toBe(link.id);
        if (!t.embedded) expect(await lockedElsewhere(link.id)).toBe(true);
      });
    }
    if (!t.embedded) expect(await lockedElsewhere(link.id)).toBe(false);
  });

  it.each(["the side", "the link"])(
    "lockSide reads %s as the previous holder of the lock left it",
    async (changed) => {
      if (t.embedded) return; // One session: there is no other holder to wait for.
      const link = await newLink();
      const record = { view: {}, versions: {}, hold: status("old"), written: {}, attempted: {} };
      await saveSide(t.db, link.id, "slack", { record });
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked = () => {};
      const holding = new Promise<void>((resolve) => (locked = resolve));
      // A holder (as observe does) takes the link's lock; the write step starts and waits for it; then
      // the holder stores a new hold and commits. The write step must read that hold, not the old one.
      const holder = t.db.$transaction(async (tx) => {
        await lockLink(tx, link.id);
        locked();
        await released;
        if (changed === "the side")
          await saveSide(tx, link.id, "slack", { record: { ...record, hold: status("new") } });
        else await tx.link.update({ where: { id: link.id }, data: { status: "needs_reauth" } });
      });
      await holding;
      const writer = t.db.$transaction((tx) => lockSide(tx, link.id, "slack"));
      await waitUntilWaitingForLocks(1);
      release();
      await holder;
      const read = await writer;
      expect(read?.side.record.hold).toEqual(status(changed === "the side" ? "new" : "old"));
      expect(read?.link.status).toBe(changed === "the side" ? "active" : "needs_reauth");
      expect(read?.link).not.toHaveProperty("sideHold");
    },
  );

  it("lockSide locks the link before the side: waiting for the side, it already holds the link", async () => {
    if (t.embedded) return;
    const link = await newLink();
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    await other.query("BEGIN");
    await other.query(`SELECT 1 FROM "LinkSide" WHERE "linkId" = $1 AND "side" = 'slack' FOR UPDATE`, [
      link.id,
    ]);
    const writer = t.db.$transaction((tx) => lockSide(tx, link.id, "slack"));
    await waitUntilWaitingForLocks(1);
    expect(await lockedElsewhere(link.id)).toBe(true);
    await other.query("COMMIT");
    await other.end();
    expect((await writer)?.link.id).toBe(link.id);
  });
});

/** Whether another session holds the link's row lock (tried without waiting). */
async function lockedElsewhere(linkId: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  try {
    await client.query(`SELECT 1 FROM "Link" WHERE "id" = $1 FOR UPDATE NOWAIT`, [linkId]);
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === "55P03") return true;
    throw error;
  } finally {
    await client.end();
  }
}

/** Until exactly `n` sessions of this database wait for a lock. */
async function waitUntilWaitingForLocks(n: number): Promise<void> {
  await expect
    .poll(
      async () => {
        const [row] = await t.db.$queryRaw<{ n: bigint }[]>`
          SELECT count(*) AS n FROM pg_stat_activity
          WHERE "datname" = current_database() AND "wait_event_type" = 'Lock'`;
        return Number(row?.n ?? 0);
      },
      { timeout: 10_000 },
    )
    .toBe(n);
}
