import type { TeamsView, WriteOp } from "@presence/core";
import { createLink, listSyncEvents, type Link } from "@presence/db";
import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import { createLogger, createMetrics } from "@presence/telemetry";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";

import { pipelineConfig } from "../config-cache.ts";
import type { PipelineContext } from "../context.ts";
import { enqueueObservation, enqueueObservations } from "../queue/enqueue.ts";
import { runObserve } from "./observe.ts";
import { runWrite } from "./write.ts";

// The pipeline's hot path is bound by per-statement costs (Prisma, its query compiler, the socket),
// so its statements are counted: a change here should be a deliberate one. BEGIN and COMMIT count.

const TENANT = "11111111-1111-4111-8111-111111111111";
const meeting: TeamsView = {
  presence: { availability: "Busy", activity: "InAMeeting" },
  outOfOffice: { isOutOfOffice: false },
};

let t: TestDatabase;
let link: Link;
let context: PipelineContext;
const calls: WriteOp[] = [];
let statements: string[] | null = null;
const query = pg.Client.prototype.query;

beforeAll(async () => {
  t = await createTestDatabase();
  link = await createLink(t.db, {
    slackTeamId: "T0BUDGET",
    slackUserId: "U0BUDGET",
    tenantId: TENANT,
    entraUserId: "22222222-2222-4222-8222-000000000001",
  });
  context = {
    db: t.db,
    logger: createLogger({ service: "budget-test", level: "warn" }),
    metrics: createMetrics("budget-test"),
    now: () => Date.now(),
    staleLockMs: 300_000,
    writers: {
      slack: {
        side: "slack",
        async perform(_link, op) {
          calls.push(op);
        },
        heldUntil: () => null,
      },
    },
  };
  // Settings and rules are cached per process (read every few seconds): not part of a job's cost.
  await pipelineConfig(t.db);
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements?.push(String(typeof args[0] === "string" ? args[0] : (args[0] as { text?: string }).text));
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
});
afterAll(async () => {
  pg.Client.prototype.query = query;
  await t.drop();
});

async function count(job: () => Promise<void>): Promise<number> {
  statements = [];
  await job();
  const n = statements.length;
  statements = null;
  return n;
}

function observeTeams(facets: TeamsView, version: string, userId = link.entraUserId) {
  return runObserve(
    context,
    {
      subject: { side: "teams", tenantId: TENANT, userId },
      facets,
      version,
      observedAt: Date.now(),
      source: "test",
    },
    version,
  );
}

const writeSlack = (id: string) =>
  runWrite(context, { linkId: link.id, side: "slack" }, { id, attempts: 1, maxAttempts: 25 });

it("observe: a change mirrored to the other side takes 6 statements, a duplicate 5, an unknown person 3", async () => {
  // BEGIN, find and lock the link, load what decide() reads, store sides and events, add the write job, COMMIT.
  expect(await count(() => observeTeams(meeting, "01"))).toBe(6);
  // BEGIN, find and lock, load, store the observation time and the event, COMMIT.
  expect(await count(() => observeTeams(meeting, "01"))).toBe(5);
  // BEGIN, find (and lock) nothing, COMMIT.
  expect(await count(() => observeTeams(meeting, "02", "22222222-2222-4222-8222-00000000ffff"))).toBe(3);
  const kinds = (await listSyncEvents(t.db, { linkId: link.id, order: "asc" })).map((e) => e.kind);
  expect(kinds).toEqual(["mirrored", "duplicate_dropped"]);
});

it("write: 8 statements for a call and its outcome, 3 when there is nothing to write", async () => {
  // Twice (before and after the call): BEGIN, lock and read the link and side, store, COMMIT.
  expect(await count(() => writeSlack("w1"))).toBe(8);
  expect(calls).toHaveLength(1);
  expect(await count(() => writeSlack("w2"))).toBe(3);
  expect(calls).toHaveLength(1);
  const written = await listSyncEvents(t.db, { linkId: link.id, kinds: ["written"] });
  expect(written).toHaveLength(1);
});

it("enqueue: a poll's observations are stored in 4 statements, whatever their number", async () => {
  const observations = (n: number, from: number) =>
    Array.from({ length: n }, (_, i) => ({
      subject: {
        side: "teams" as const,
        tenantId: TENANT,
        userId: `33333333-3333-4333-8333-${String(from + i).padStart(12, "0")}`,
      },
      facets: meeting,
      version: "01",
      observedAt: Date.now(),
      source: "test",
      eventId: `budget:${from + i}`,
    }));
  // BEGIN, record the event ids, add the jobs, COMMIT.
  expect(await count(async () => void (await enqueueObservations(t.db, observations(1, 0))))).toBe(4);
  expect(await count(async () => void (await enqueueObservations(t.db, observations(300, 1))))).toBe(4);
  const [row] = await t.db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM graphile_worker._private_jobs WHERE payload->>'eventId' LIKE 'budget:%'`;
  expect(row?.n).toBe(301n);
});

it("enqueue: an event is stored in 1 statement, and its retry (the same event id) is dropped in 1", async () => {
  const event = {
    subject: { side: "slack" as const, teamId: "T0BUDGET", userId: "U0BUDGET" },
    facets: { status: { text: "Lunch", emoji: ":sandwich:", expiresAt: null } },
    version: "1700000000.000100",
    observedAt: Date.now(),
    source: "test",
    eventId: "EvBUDGET0001",
  };
  let result: string | undefined;
  expect(await count(async () => void (result = await enqueueObservation(t.db, event)))).toBe(1);
  expect(result).toBe("enqueued");
  expect(await count(async () => void (result = await enqueueObservation(t.db, event)))).toBe(1);
  expect(result).toBe("duplicate");
  const [row] = await t.db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM graphile_worker._private_jobs WHERE payload->>'eventId' = 'EvBUDGET0001'`;
  expect(row?.n).toBe(1n);
});
