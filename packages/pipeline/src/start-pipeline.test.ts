import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

import { BridgeError, type SlackWriteOp, type TeamsView, type WriteOp } from "@presence/core";
import { SimSlack, type SimEvent } from "@presence/core/testing";
import {
  createLink,
  listSyncEvents,
  loadWebhookSide,
  setLinkStatus,
  updateLinkSettings,
  type Link,
} from "@presence/db";
import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import { createLogger, createMetrics } from "@presence/telemetry";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { CONFIG_TTL_MS } from "./config-cache.ts";
import type { PipelineContext } from "./context.ts";
import { RECONSIDER_TASK, WEBHOOK_PUBLISH_TASK } from "./jobs.ts";
import { enqueueObservation, enqueueReconsider, pendingWriteEnd } from "./queue/enqueue.ts";
import type { SideWriter } from "./side-writer.ts";
import { startPipeline, type Pipeline } from "./start-pipeline.ts";
import { releaseStaleLocks } from "./tasks/maintenance.ts";
import { waitForIdle } from "./testing/wait-for-idle.ts";

const TENANT = "11111111-1111-4111-8111-111111111111";
let t: TestDatabase;
let pipeline: Pipeline | undefined;
let people = 0;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterEach(async () => {
  await pipeline?.stop();
  pipeline = undefined;
});
afterAll(async () => {
  await t.drop();
});

function context(writers: PipelineContext["writers"]): PipelineContext {
  return {
    db: t.db,
    logger: createLogger({ service: "pipeline-test", level: "warn" }),
    metrics: createMetrics("pipeline-test"),
    writers,
    now: () => Date.now(),
    staleLockMs: 5 * 60_000,
  };
}

async function start(writers: PipelineContext["writers"], concurrency = 4, pollIntervalMs = 100) {
  pipeline = await startPipeline({
    context: context(writers),
    databaseUrl: t.url,
    concurrency,
    pollIntervalMs,
    embedded: t.embedded,
    maintenance: false,
  });
}

async function newLink(): Promise<Link> {
  people += 1;
  const n = String(people).padStart(4, "0");
  return createLink(t.db, {
    slackTeamId: "T0TEAM",
    slackUserId: `U0PERSON${n}`,
    tenantId: TENANT,
    entraUserId: `22222222-2222-4222-8222-${String(people).padStart(12, "0")}`,
  });
}

let version = 0;
function teamsChange(link: Link, view: TeamsView, eventId?: string) {
  version += 1;
  return enqueueObservation(t.db, {
    subject: { side: "teams", tenantId: link.tenantId, userId: link.entraUserId },
    facets: view,
    version: String(version).padStart(12, "0"),
    observedAt: Date.now(),
    source: "test",
    ...(eventId ? { eventId } : {}),
  });
}

const meeting: TeamsView = {
  presence: { availability: "Busy", activity: "InAMeeting" },
  outOfOffice: { isOutOfOffice: false },
};
const call: TeamsView = {
  presence: { availability: "Busy", activity: "InACall" },
  outOfOffice: { isOutOfOffice: false },
};
const available: TeamsView = {
  presence: { availability: "Available", activity: "Available" },
  outOfOffice: { isOutOfOffice: false },
};
const presenting: TeamsView = {
  presence: { availability: "DoNotDisturb", activity: "Presenting" },
  outOfOffice: { isOutOfOffice: false },
};

/** What the Slack bridge reads when a link is made: the person's current status (none here). */
function slackBaseline(link: Link) {
  return enqueueObservation(t.db, {
    subject: { side: "slack", teamId: link.slackTeamId, userId: link.slackUserId },
    facets: {
      status: { text: "", emoji: "", expiresAt: null },
      huddle: { inHuddle: false },
      dnd: { snoozed: false, until: null },
    },
    version: "",
    observedAt: Date.now(),
    source: "test:baseline",
  });
}

/** A simulated Slack behind a writer: every write fires Slack's echo events back into the pipeline. */
function simulatedSlack(link: Link) {
  const pending: Promise<unknown>[] = [];
  const sim = new SimSlack((event: SimEvent) => {
    pending.push(
      enqueueObservation(t.db, {
        subject: { side: "slack", teamId: link.slackTeamId, userId: link.slackUserId },
        facets: event.observation.facets,
        version: event.observation.version,
        observedAt: event.observation.observedAt,
        source: "sim:slack",
        // Event ids are unique per workspace; each simulated Slack here counts from 1.
        eventId: `${link.slackUserId}:${event.eventId}`,
      }),
    );
  });
  const calls: SlackWriteOp[] = [];
  const writer: SideWriter = {
    side: "slack",
    async perform(_link, op: WriteOp) {
      if (op.side !== "slack") throw new Error("not a Slack op");
      calls.push(op);
      sim.apply(op, Date.now());
    },
    heldUntil: () => null,
  };
  return { sim, calls, writer, settled: () => Promise.all(pending) };
}

describe("pipeline on Postgres", () => {
  describe("reconsider: what the bridge holds follows a pause, a resume, a change of direction", () => {
    async function meetingMirrored() {
      const link = await newLink();
      const slack = simulatedSlack(link);
      const teamsCalls: WriteOp[] = [];
      await start({
        slack: slack.writer,
        teams: { side: "teams", perform: async (_l, op) => void teamsCalls.push(op), heldUntil: () => null },
      });
      await slackBaseline(link);
      await waitForIdle(t.db);
      await teamsChange(link, meeting);
      await waitForIdle(t.db);
      await slack.settled();
      await waitForIdle(t.db);
      expect(slack.sim.status.text).toBe("In a meeting (via Teams)");
      return { link, slack, teamsCalls };
    }
    async function settle(slack: ReturnType<typeof simulatedSlack>) {
      await waitForIdle(t.db);
      await slack.settled();
      await waitForIdle(t.db);
    }

    it("turning Teams → Slack off clears the status the bridge wrote on Slack", async () => {
      const { link, slack, teamsCalls } = await meetingMirrored();
      await updateLinkSettings(t.db, link.id, { direction: "slackToTeams" });
      await enqueueReconsider(t.db, link.id, "settings changed");
      await settle(slack);
      expect(slack.sim.status.text).toBe("");
      expect(teamsCalls).toEqual([]);
      const events = await listSyncEvents(t.db, { linkId: link.id });
      expect(events.find((e) => e.kind === "direction_off")?.detail).toMatchObject({
        reason: "settings changed",
      });
      // A later meeting no longer reaches Slack.
      await teamsChange(link, call);
      await settle(slack);
      expect(slack.sim.status.text).toBe("");
    });

    it("a pause lets go of the bridge's status; resuming puts the current one back", async () => {
      const { link, slack } = await meetingMirrored();
      await setLinkStatus(t.db, link.id, { status: "paused", reason: "test" });
      await enqueueReconsider(t.db, link.id, "paused");
      await settle(slack);
      expect(slack.sim.status.text).toBe("");
      const paused = await listSyncEvents(t.db, { linkId: link.id });
      expect(paused.map((e) => e.kind)).toContain("paused");

      await setLinkStatus(t.db, link.id, { status: "active" });
      await enqueueReconsider(t.db, link.id, "resumed");
      await settle(slack);
      expect(slack.sim.status.text).toBe("In a meeting (via Teams)");
    });

    it("a person's own status is left alone when the bridge lets go", async () => {
      const link = await newLink();
      const slack = simulatedSlack(link);
      await start({
        slack: slack.writer,
        teams: { side: "teams", perform: async () => undefined, heldUntil: () => null },
      });
      await slackBaseline(link);
      await waitForIdle(t.db);
      await setLinkStatus(t.db, link.id, { status: "paused", reason: "test" });
      await enqueueReconsider(t.db, link.id, "paused");
      await settle(slack);
      expect(slack.calls).toEqual([]);
      expect((await listSyncEvents(t.db, { linkId: link.id })).map((e) => e.kind)).not.toContain("paused");
    });
  });

  it("Outlook: a calendar read ahead gives the meeting's Slack status its end; Slack clears it then, and the bridge makes no second call", async () => {
    const link = await newLink();
    const slack = simulatedSlack(link);
    await start({
      slack: slack.writer,
      teams: { side: "teams", perform: async () => undefined, heldUntil: () => null },
    });
    await slackBaseline(link);
    const now = Date.now();
    const end = now + 2_500;
    await enqueueObservation(t.db, {
      subject: { side: "outlook", tenantId: link.tenantId, userId: link.entraUserId },
      facets: {
        calendar: {
          from: now - 60_000,
          until: now + 86_400_000,
          blocks: [{ showAs: "busy", start: now - 60_000, end }],
        },
        automaticReplies: { enabled: false, start: null, end: null },
      },
      version: "",
      observedAt: now,
      source: "test:outlook",
    });
    await waitForIdle(t.db);
    await teamsChange(link, meeting);
    await waitForIdle(t.db);
    await slack.settled();
    await waitForIdle(t.db);
    expect(slack.calls).toEqual([
      {
        side: "slack",
        facet: "status",
        action: "set",
        value: {
          text: "In a meeting (via Teams)",
          emoji: ":spiral_calendar_pad:",
          expiresAt: end,
          fixed: true,
        },
      },
    ]);
    const stored = await t.db.linkSide.findUnique({
      where: { linkId_side: { linkId: link.id, side: "outlook" } },
    });
    expect(stored?.view).toMatchObject({ calendar: { blocks: [{ showAs: "busy", end }] } });

    // The meeting ends: Slack clears the status by itself and announces it; then Teams shows the person free.
    await new Promise((resolve) => setTimeout(resolve, end - Date.now() + 50));
    expect(slack.sim.tick(Date.now())).toBe(true);
    await slack.settled();
    await waitForIdle(t.db);
    await teamsChange(link, available);
    await waitForIdle(t.db);
    expect(slack.calls).toHaveLength(1);
    const kinds = (await listSyncEvents(t.db, { linkId: link.id })).map((e) => e.kind);
    expect(kinds).not.toContain("ownership_released");
    expect(kinds).toContain("echo_dropped");
  });

  it("webhook: a system's report (by e-mail) reaches Slack and Teams; the person's own changes are published while a system receives states", async () => {
    const link = await createLink(t.db, {
      slackTeamId: "T0TEAM",
      slackUserId: "U0PHONE01",
      tenantId: TENANT,
      entraUserId: "33333333-3333-4333-8333-000000000001",
      email: "grace@contoso.com",
    });
    const slack = simulatedSlack(link);
    const teamsCalls: WriteOp[] = [];
    await start({
      slack: slack.writer,
      teams: { side: "teams", perform: async (_l, op) => void teamsCalls.push(op), heldUntil: () => null },
    });
    await t.db.webhookConnection.create({
      data: { id: "phones", name: "Phone system", url: "https://phones.example/presence", direction: "both" },
    });
    // Each process reads the settings (and whether a system receives states) at most every CONFIG_TTL_MS.
    await new Promise((resolve) => setTimeout(resolve, CONFIG_TTL_MS + 100));
    await slackBaseline(link);
    await teamsChange(link, available);
    await waitForIdle(t.db, { ignoreTasks: [WEBHOOK_PUBLISH_TASK] });

    await enqueueObservation(t.db, {
      subject: { side: "webhook", connectionId: "phones", email: "Grace@Contoso.com" },
      facets: { phones: { availability: "busy", activity: "inACall", until: null } },
      version: String(Date.now()).padStart(15, "0"),
      observedAt: Date.now(),
      source: "webhook:phones",
      eventId: "webhook:phones:call-1",
    });
    await waitForIdle(t.db, { ignoreTasks: [WEBHOOK_PUBLISH_TASK] });
    await slack.settled();
    await waitForIdle(t.db, { ignoreTasks: [WEBHOOK_PUBLISH_TASK] });
    expect(slack.sim.status.text).toBe("In a call (via Teams)");
    expect(teamsCalls).toContainEqual({
      side: "teams",
      facet: "session",
      action: "set",
      value: { availability: "Busy", activity: "InACall", keepAlive: false },
    });
    const webhook = await loadWebhookSide(t.db, link.id);
    expect(webhook?.view).toEqual({ phones: { availability: "busy", activity: "inACall", until: null } });
    // The system's own state is not sent back to it: the published state is the person's own (available).
    expect(webhook?.hold.state).toMatchObject({ availability: "available", source: "teams" });

    await teamsChange(link, meeting);
    await waitForIdle(t.db, { ignoreTasks: [WEBHOOK_PUBLISH_TASK] });
    expect((await loadWebhookSide(t.db, link.id))?.hold.state).toMatchObject({
      availability: "busy",
      activity: "inAMeeting",
      source: "teams",
    });
    const [publish] = await t.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = ${WEBHOOK_PUBLISH_TASK} AND key = ${`webhook-publish:${link.id}`}`;
    expect(Number(publish?.n)).toBe(1);
    // A state that ends by itself is decided again then (the bridge lets go of the system's call).
    await enqueueObservation(t.db, {
      subject: { side: "webhook", connectionId: "phones", email: "grace@contoso.com" },
      facets: { phones: { availability: "busy", activity: "inACall", until: Date.now() + 3_600_000 } },
      version: String(Date.now()).padStart(15, "0"),
      observedAt: Date.now(),
      source: "webhook:phones",
      eventId: "webhook:phones:call-2",
    });
    await waitForIdle(t.db, { ignoreTasks: [WEBHOOK_PUBLISH_TASK, RECONSIDER_TASK] });
    const [later] = await t.db.$queryRaw<{ run_at: Date }[]>`
      SELECT run_at FROM graphile_worker.jobs WHERE key = ${`reconsider-at:${link.id}`}`;
    expect(later?.run_at.getTime()).toBeGreaterThan(Date.now() + 3_500_000);
    await t.db.$queryRaw`SELECT graphile_worker.remove_job(${`reconsider-at:${link.id}`})`;
    // No webhook spoke runs here: take its job away so the next tests see an idle queue.
    await t.db.$queryRaw`SELECT graphile_worker.remove_job(${`webhook-publish:${link.id}`})`;
    await t.db.webhookConnection.delete({ where: { id: "phones" } });
    await new Promise((resolve) => setTimeout(resolve, CONFIG_TTL_MS + 100));
  });

  it("mirrors a Teams meeting to Slack once; Slack's echoes are absorbed, nothing returns to Teams", async () => {
    const link = await newLink();
    const slack = simulatedSlack(link);
    const teamsCalls: WriteOp[] = [];
    await start({
      slack: slack.writer,
      teams: { side: "teams", perform: async (_l, op) => void teamsCalls.push(op), heldUntil: () => null },
    });
    await slackBaseline(link);
    await waitForIdle(t.db);
    await teamsChange(link, meeting);
    await waitForIdle(t.db);
    await slack.settled();
    await waitForIdle(t.db);

    expect(slack.sim.status.text).toBe("In a meeting (via Teams)");
    expect(slack.calls.filter((c) => c.facet === "status")).toHaveLength(1);
    expect(teamsCalls).toEqual([]);
    const kinds = (await listSyncEvents(t.db, { linkId: link.id })).map((e) => e.kind);
    expect(kinds).toContain("mirrored");
    expect(kinds).toContain("written");
    expect(kinds).toContain("echo_dropped");
    const side = await t.db.linkSide.findUniqueOrThrow({
      where: { linkId_side: { linkId: link.id, side: "slack" } },
    });
    expect(side.written).toMatchObject({ status: { text: "In a meeting (via Teams)" } });
    expect(side.attempted).toEqual({});
    expect(await t.db.writeExpectation.count({ where: { linkId: link.id } })).toBeGreaterThan(0);
  });

  it("coalesces: five quick changes while the writer waits end in one write of the newest state", async () => {
    const link = await newLink();
    const slack = simulatedSlack(link);
    for (const view of [meeting, call, available, presenting, call]) await teamsChange(link, view);
    await start({ slack: slack.writer }, 1);
    await waitForIdle(t.db);
    await slack.settled();
    await waitForIdle(t.db);
    expect(
      slack.calls.filter((c) => c.facet === "status").map((c) => (c.action === "set" ? c.value.text : "")),
    ).toEqual(["In a call (via Teams)"]);
    expect(await t.db.syncEvent.count({ where: { linkId: link.id, kind: "written" } })).toBe(1);
  });

  it("is idempotent on source event ids: a retried delivery is taken in once", async () => {
    const link = await newLink();
    expect(await teamsChange(link, meeting, "evt-1")).toBe("enqueued");
    expect(await teamsChange(link, meeting, "evt-1")).toBe("duplicate");
    expect(
      await t.db.$queryRaw<
        { n: bigint }[]
      >`SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'observe'`,
    ).toEqual([{ n: 1n }]);
    const slack = simulatedSlack(link);
    await start({ slack: slack.writer });
    await waitForIdle(t.db);
    await teamsChange(link, meeting); // the same state again, new delivery: dropped as a duplicate state
    await waitForIdle(t.db);
    const kinds = (await listSyncEvents(t.db, { linkId: link.id })).map((e) => e.kind);
    expect(kinds).toContain("duplicate_dropped");
  });

  it("serialises writes per link: never two calls in flight for one link and side", async () => {
    const links = await Promise.all(Array.from({ length: 12 }, () => newLink()));
    const inFlight = new Map<string, number>();
    let maxInFlight = 0;
    let calls = 0;
    const writer: SideWriter = {
      side: "slack",
      async perform(l) {
        const n = (inFlight.get(l.id) ?? 0) + 1;
        inFlight.set(l.id, n);
        maxInFlight = Math.max(maxInFlight, n);
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 15));
        inFlight.set(l.id, n - 1);
      },
      heldUntil: () => null,
    };
    await start({ slack: writer }, 10);
    for (let round = 0; round < 4; round++) {
      for (const l of links) await teamsChange(l, round % 2 === 0 ? meeting : presenting);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    await waitForIdle(t.db);
    expect(calls).toBeGreaterThanOrEqual(links.length);
    expect(maxInFlight).toBe(1);
  });

  /** A Slack writer whose first call is rate limited for `retryAfterMs`; `times` are its calls. */
  function rateLimitedOnce(retryAfterMs: number, details: Record<string, unknown> = {}) {
    const times: number[] = [];
    const writer: SideWriter = {
      side: "slack",
      async perform() {
        times.push(Date.now());
        if (times.length === 1)
          throw new BridgeError("rate_limited", "ratelimited", { retryAfterMs, details });
      },
      heldUntil: () => null,
    };
    return { times, writer };
  }

  /**
   * A meeting mirrored by a writer rate limited once, with the queue polling every 20 s: new jobs are
   * announced (NOTIFY), a job moved to a later time is not. Returns the ms between the two calls.
   */
  async function waitAfterRateLimit(
    retryAfterMs: number,
    details?: Record<string, unknown>,
  ): Promise<number> {
    const link = await newLink();
    const { times, writer } = rateLimitedOnce(retryAfterMs, details);
    await start({ slack: writer }, 4, 20_000);
    await teamsChange(link, meeting);
    // The first call may wait for a poll (LISTEN is set up after the pipeline starts); the second must not.
    const deadline = Date.now() + 30_000;
    while (times.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(times).toHaveLength(2);
    return (times[1] ?? 0) - (times[0] ?? 0);
  }

  it("runs a write held back by the bridge's own budget when the budget frees, not at the queue's next poll", async () => {
    const waited = await waitAfterRateLimit(300, { budget: "users.profile.set:T0TEAM" });
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(900);
  });

  it("waits at least a second when an upstream 429 says to retry at once", async () => {
    const waited = await waitAfterRateLimit(0);
    expect(waited).toBeGreaterThanOrEqual(990);
    expect(waited).toBeLessThan(2_000);
  });

  it("waits for Retry-After on a rate limit and loses no state", async () => {
    const link = await newLink();
    const { times, writer } = rateLimitedOnce(1500);
    await start({ slack: writer });
    await teamsChange(link, meeting);
    await waitForIdle(t.db, { timeoutMs: 15_000 });
    expect(times.length).toBeGreaterThanOrEqual(2);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(1400);
    const events = await listSyncEvents(t.db, { linkId: link.id });
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(["rate_limited", "written"]));
    expect(events.map((e) => e.kind)).not.toContain("failed");
    const side = await t.db.linkSide.findUniqueOrThrow({
      where: { linkId_side: { linkId: link.id, side: "slack" } },
    });
    expect(side.written).toMatchObject({ status: { text: "In a meeting (via Teams)" } });
  });

  it("a rate limit naming its method holds back only that facet: the others are written at once", async () => {
    const link = await newLink();
    const calls: { facet: string; at: number }[] = [];
    const writer: SideWriter = {
      side: "slack",
      async perform(_l, op) {
        calls.push({ facet: op.facet, at: Date.now() });
        if (op.facet === "status" && calls.filter((c) => c.facet === "status").length === 1)
          throw new BridgeError("rate_limited", "users.profile.set: budget spent", {
            retryAfterMs: 1500,
            details: { method: "users.profile.set" },
          });
      },
      heldUntil: () => null,
    };
    await start({ slack: writer });
    await teamsChange(link, presenting); // a status and DND: two methods
    await waitForIdle(t.db, { timeoutMs: 15_000 });
    const first = calls[0]?.at ?? 0;
    const facets = (from: number, to: number) =>
      calls.filter((c) => c.at - first >= from && c.at - first < to).map((c) => c.facet);
    // The first job tried every facet; only the status came back, after the limit's 1.5 s.
    expect(facets(0, 1000).sort()).toEqual(["dnd", "status"]);
    expect(facets(1000, 15_000)).toEqual(["status"]);
    const side = await t.db.linkSide.findUniqueOrThrow({
      where: { linkId_side: { linkId: link.id, side: "slack" } },
    });
    expect(side.written).toMatchObject({ status: { text: "Presenting (via Teams)" } });
  });

  it("writes waiting for a spent budget go in order of how long their state is expected to last", async () => {
    const [brb, inCall, ooo] = [await newLink(), await newLink(), await newLink()];
    const names = new Map([
      [brb.id, "be right back"],
      [inCall.id, "call"],
      [ooo.id, "out of office"],
    ]);
    // Slack's status budget is spent until `frees`; every write refused meanwhile comes back then.
    const frees = Date.now() + 2_500;
    const written: string[] = [];
    const writer: SideWriter = {
      side: "slack",
      async perform(l, op) {
        if (op.facet !== "status") return;
        if (Date.now() < frees)
          throw new BridgeError("rate_limited", "users.profile.set: budget spent", {
            retryAfterMs: frees - Date.now(),
            details: { method: "users.profile.set" },
          });
        written.push(names.get(l.id) ?? l.id);
      },
      heldUntil: () => null,
    };
    await start({ slack: writer }, 1);
    await teamsChange(brb, {
      ...available,
      presence: { availability: "BeRightBack", activity: "BeRightBack" },
    });
    await teamsChange(inCall, call);
    await teamsChange(ooo, { ...available, outOfOffice: { isOutOfOffice: true } });
    await waitForIdle(t.db, { timeoutMs: 15_000 });
    // Out of office lasts the night (12 h), a call about 15 min, Be right back about 5 min.
    expect(written).toEqual(["out of office", "call", "be right back"]);
  });

  it("a write the status budget sends back keeps the expected end of a decision taken while it ran", async () => {
    const link = await newLink();
    const until = async (check: () => Promise<boolean>) => {
      for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
    };
    let first = true;
    const writer: SideWriter = {
      side: "slack",
      async perform(_l, op) {
        if (op.facet !== "status") return;
        if (first) {
          // Meanwhile the person goes out of office: that decision queues a write job of its own.
          first = false;
          await teamsChange(link, { ...available, outOfOffice: { isOutOfOffice: true } });
          await until(async () => (await pendingWriteEnd(t.db, link.id, "slack")) !== undefined);
        }
        throw new BridgeError("rate_limited", "users.profile.set: budget spent", {
          retryAfterMs: 60_000,
          details: { method: "users.profile.set" },
        });
      },
      heldUntil: () => null,
    };
    await start({ slack: writer }, 2);
    await teamsChange(link, call);
    await until(async () =>
      (await listSyncEvents(t.db, { linkId: link.id })).some((e) => e.kind === "rate_limited"),
    );
    const [job] = await t.db.$queryRaw<{ priority: number; payload: { expectedEnd?: number } }[]>`
      SELECT priority, payload FROM graphile_worker._private_jobs WHERE key = ${`write:slack:${link.id}`}`;
    // Out of office (12 h) ranks the job, not the call (15 min) the running job was writing.
    expect((job?.payload.expectedEnd ?? 0) - Date.now()).toBeGreaterThan(11 * 3_600_000);
    expect(job?.priority).toBeLessThanOrEqual(24 * 60 - 11 * 60);
    // The job would come back in a minute and be sent back for ever: the next tests wait for an idle queue.
    await t.db.$queryRaw`SELECT graphile_worker.remove_job(${`write:slack:${link.id}`})`;
  });

  it("flags the link for re-auth when the token is revoked, without retrying", async () => {
    const link = await newLink();
    let calls = 0;
    await start({
      slack: {
        side: "slack",
        async perform() {
          calls += 1;
          throw new BridgeError("auth_revoked", "token_revoked");
        },
        heldUntil: () => null,
      },
    });
    await teamsChange(link, meeting);
    await waitForIdle(t.db);
    expect(calls).toBe(1);
    expect((await t.db.link.findUniqueOrThrow({ where: { id: link.id } })).status).toBe("needs_reauth");
  });

  it("a call the side refuses does not stop the other facets, and is not retried", async () => {
    const link = await newLink();
    const calls: string[] = [];
    await start({
      slack: {
        side: "slack",
        async perform(_l, op) {
          calls.push(`${op.facet}:${op.action}`);
          if (op.facet === "status") throw new BridgeError("missing_permission", "cannot_update_admin_user");
        },
        heldUntil: () => null,
      },
    });
    await teamsChange(link, presenting);
    await waitForIdle(t.db);
    expect(calls).toEqual(["status:set", "dnd:set"]);
    const side = await t.db.linkSide.findUniqueOrThrow({
      where: { linkId_side: { linkId: link.id, side: "slack" } },
    });
    expect(Object.keys(side.written as object)).toEqual(["dnd"]);
    expect(side.attempted).toEqual({});
    const kinds = (await listSyncEvents(t.db, { linkId: link.id })).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["failed", "written"]));
  });

  it("a worker killed mid-write: the job is freed, replayed with the same state, and its echo absorbed", async () => {
    const link = await newLink();
    await t.db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS crash_side (op jsonb NOT NULL)`);
    await teamsChange(link, meeting);
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          fileURLToPath(new URL("./testing/crashing-worker.ts", import.meta.url)),
          t.url,
          String(t.embedded),
        ],
        { stdio: ["ignore", "inherit", "inherit"] },
      );
      child.on("error", reject);
      child.on("exit", resolve);
    });
    expect(exitCode).toBe(70);
    const [crashed] = await t.db.$queryRawUnsafe<{ op: SlackWriteOp }[]>(`SELECT op FROM crash_side`);
    expect(crashed?.op).toMatchObject({ facet: "status", action: "set" });
    const side = await t.db.linkSide.findUniqueOrThrow({
      where: { linkId_side: { linkId: link.id, side: "slack" } },
    });
    expect(side.attempted).toMatchObject({ status: { text: "In a meeting (via Teams)" } });
    expect(side.written).toEqual({});

    // Slack applied the call before the worker died, and sent its echoes.
    const slack = simulatedSlack(link);
    if (crashed?.op.action === "set" && crashed.op.facet === "status")
      slack.sim.setStatus(crashed.op.value, Date.now());
    expect(await releaseStaleLocks({ ...context({}), staleLockMs: 0 })).toBe(1);
    await start({ slack: slack.writer });
    await waitForIdle(t.db);
    await slack.settled();
    await waitForIdle(t.db);

    expect(slack.calls.map((c) => c.facet)).toContain("status");
    expect(slack.calls.find((c) => c.facet === "status")).toEqual(crashed?.op);
    expect(slack.sim.bridgeWrites.filter((w) => w.startsWith("status"))).toEqual([]); // a replay: nothing new on Slack
    const after = await t.db.linkSide.findUniqueOrThrow({
      where: { linkId_side: { linkId: link.id, side: "slack" } },
    });
    expect(after.attempted).toEqual({});
    expect(after.written).toMatchObject({ status: { text: "In a meeting (via Teams)" } });
    const teams = await t.db.linkSide.findUniqueOrThrow({
      where: { linkId_side: { linkId: link.id, side: "teams" } },
    });
    expect(teams.hold).toEqual({});
  });
});
