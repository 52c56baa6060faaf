import { writePriority, type Side } from "@presence/core";
import { listDueHolds, recordInboundEvents, type Db, type DbClient } from "@presence/db";

import {
  OBSERVE_TASK,
  RECONSIDER_ALL_TASK,
  RECONSIDER_TASK,
  WEBHOOK_PUBLISH_TASK,
  writeTask,
  ZObserveJob,
  type ObserveJob,
  type WriteJob,
} from "../jobs.ts";
import { CONFIG_TTL_MS } from "../config-cache.ts";
import { addJob, addJobForNewEvent, addJobs } from "./add-job.ts";
import { sharedQueue } from "./shared-queue.ts";

export type EnqueueResult = "enqueued" | "duplicate";

const OBSERVE_MAX_ATTEMPTS = 10;

/**
 * Stores an observation as an `observe` job — what every receiver does before acknowledging. A
 * source event id already taken in (a Slack retry, a re-delivered notification) is dropped; the
 * dedupe record and the job are written in one statement (on the hot path of every event: a
 * transaction of its own cost four round trips). Throws when storing fails, so the receiver answers
 * non-2xx and the source retries.
 */
export async function enqueueObservation(db: DbClient, job: ObserveJob): Promise<EnqueueResult> {
  const payload = ZObserveJob.parse(job);
  const options = { maxAttempts: OBSERVE_MAX_ATTEMPTS };
  if (payload.eventId === undefined) {
    await addJob(db, OBSERVE_TASK, payload, options);
    return "enqueued";
  }
  const event = { source: payload.subject.side, eventId: payload.eventId };
  return (await addJobForNewEvent(db, event, OBSERVE_TASK, payload, options)) ? "enqueued" : "duplicate";
}

/**
 * How long a poll's enqueue waits for a connection of the pool. Prisma's default (2 s) turned a burst of
 * events (2,000 at once on a pool of 5) into errors, and the senders' retries into more load.
 */
const ENQUEUE_MAX_WAIT_MS = 10_000;

/**
 * Stores many observations in one transaction (a poll that read hundreds of people): all are
 * stored or none, in two statements whatever their number (the event ids, then the jobs). Returns
 * each one's result, in order.
 */
export async function enqueueObservations(
  db: DbClient,
  jobs: readonly ObserveJob[],
): Promise<EnqueueResult[]> {
  const payloads = jobs.map((job) => ZObserveJob.parse(job));
  if (payloads.length === 0) return [];
  const identified = payloads.flatMap((p) =>
    p.eventId === undefined ? [] : [{ source: p.subject.side, eventId: p.eventId }],
  );
  return db.$transaction(
    async (tx) => {
      const fresh = await recordInboundEvents(tx, identified);
      let next = 0;
      const results = payloads.map((p): EnqueueResult =>
        p.eventId === undefined || fresh[next++] ? "enqueued" : "duplicate",
      );
      await addJobs(
        tx,
        OBSERVE_TASK,
        payloads.filter((_, i) => results[i] === "enqueued"),
        { maxAttempts: OBSERVE_MAX_ATTEMPTS },
      );
      return results;
    },
    { timeout: 60_000, maxWait: ENQUEUE_MAX_WAIT_MS },
  );
}

/** Refresh jobs (keep-alive, expiry) have a key of their own so they never replace a write. */
function writeJobKey(linkId: string, side: Side, refresh: readonly string[]): string {
  return `${refresh.length ? "refresh" : "write"}:${side}:${linkId}`;
}

/**
 * Schedules the write job for one side of a link. One pending job per link and side (job key):
 * a newer hold simply waits for it (the job reads the newest hold when it runs), and a job already
 * rescheduled for a rate limit keeps its later time. Jobs of one link and side run one at a time (a shared queue).
 * Its priority (writePriority) is the minutes its state has left, from `expectedEnd`, as of `now`.
 */
export async function enqueueWrite(
  db: Db,
  linkId: string,
  side: Side,
  options: {
    refresh?: readonly string[];
    runAt?: Date;
    /** Move a pending job to `runAt` (a rate limit) instead of keeping its earlier time. */
    replaceRunAt?: boolean;
    /** When the status written is expected to end (expectedSlackStateEnd), and the time now. */
    expectedEnd?: number;
    now?: number;
    /** Keep priority 0 although an end is known (a wait for another method's budget than the status's). */
    unranked?: boolean;
  } = {},
): Promise<void> {
  const payload: WriteJob = {
    linkId,
    side,
    refresh: [...(options.refresh ?? [])],
    ...(options.expectedEnd === undefined ? {} : { expectedEnd: options.expectedEnd }),
  };
  await addJob(db, writeTask(side), payload, {
    jobKey: writeJobKey(linkId, side, options.refresh ?? []),
    jobKeyMode: options.replaceRunAt ? "replace" : "preserve_run_at",
    queueName: sharedQueue(`write:${side}`, linkId),
    maxAttempts: 25,
    priority: options.unranked ? 0 : writePriority(options.expectedEnd, options.now ?? Date.now()),
    ...(options.runAt ? { runAt: options.runAt } : {}),
  });
}

/**
 * The expected end carried by a write job for this link and side that waits to run (not the one running):
 * a decision taken while a write ran queues a new job, whose end is newer than the running job's. (The
 * public `jobs` view of graphile-worker 0.16 leaves the payload out, hence its table.)
 */
export async function pendingWriteEnd(db: Db, linkId: string, side: Side): Promise<number | undefined> {
  const rows = await db.$queryRaw<{ expected_end: number | null }[]>`
    SELECT (payload->>'expectedEnd')::float8 AS expected_end FROM graphile_worker._private_jobs
    WHERE key = ${writeJobKey(linkId, side, [])} AND locked_at IS NULL`;
  return rows[0]?.expected_end ?? undefined;
}

/**
 * Schedules a re-decision of what the bridge holds for one link (after a pause, resume, change of
 * direction or policy, reconnection). One pending job per link: the newest reason wins.
 */
export async function enqueueReconsider(db: Db, linkId: string, reason: string): Promise<void> {
  await addJob(db, RECONSIDER_TASK, { linkId, reason }, { jobKey: `reconsider:${linkId}`, maxAttempts: 10 });
}

/**
 * Schedules a re-decision of one link at a time (a connected system's state ending by itself). Kept apart
 * from enqueueReconsider's key, so it never delays a re-decision due now; the latest end asked for wins.
 */
export async function enqueueReconsiderAt(db: Db, linkId: string, reason: string, at: number): Promise<void> {
  await addJob(
    db,
    RECONSIDER_TASK,
    { linkId, reason },
    { jobKey: `reconsider-at:${linkId}`, jobKeyMode: "replace", runAt: new Date(at), maxAttempts: 10 },
  );
}

/**
 * Asks the webhook spoke to send one person's published state to the connected systems (one pending
 * job per link: it reads the newest state when it runs).
 */
export async function enqueuePublish(db: Db, linkId: string): Promise<void> {
  await addJob(
    db,
    WEBHOOK_PUBLISH_TASK,
    { linkId },
    { jobKey: `webhook-publish:${linkId}`, jobKeyMode: "replace", maxAttempts: 10 },
  );
}

/**
 * Re-decides every link (after the rules or the organisation settings changed). It runs once every
 * process's cached copy of the settings and rules has expired, so each decision sees the new ones.
 */
export async function enqueueReconsiderAll(db: Db, reason: string, now = Date.now()): Promise<void> {
  await addJob(
    db,
    RECONSIDER_ALL_TASK,
    { reason },
    { jobKey: "reconsider-all", maxAttempts: 5, runAt: new Date(now + CONFIG_TTL_MS + 1_000) },
  );
}

/**
 * The one owner of held-state refreshes: a refresh write for every active link whose hold on `side` lapses
 * before `until` (Slack status expiry; Teams session expiry and keep-alive). Whichever process has that
 * side's writer runs it. Returns how many were scheduled.
 */
export async function enqueueDueRefreshes(db: Db, side: Side, until: Date): Promise<number> {
  const due = await listDueHolds(db, side, until);
  for (const linkId of due) await enqueueWrite(db, linkId, side, { refresh: ["due"] });
  return due.length;
}
