import {
  BridgeError,
  planSlackWrites,
  planTeamsWrites,
  recordAttempt,
  recordOutcome,
  type PlannedWrite,
  type Side,
  type SideRecord,
  type SlackHold,
  type SyncEventDraft,
  type TeamsHold,
  type WriteOp,
  type WriteState,
} from "@presence/core";
import { appendSyncEvents, lockSide, saveLinkChanges, setLinkStatus, type Db, type Link } from "@presence/db";

import { pipelineConfig } from "../config-cache.ts";
import type { PipelineContext } from "../context.ts";
import { ZWriteJob, type WriteJob } from "../jobs.ts";
import { enqueueWrite, pendingWriteEnd } from "../queue/enqueue.ts";
import type { SpokeSideWriter } from "../side-writer.ts";
import { describeOps } from "./describe-ops.ts";

export interface WriteJobInfo {
  id: string;
  attempts: number;
  maxAttempts: number;
}

/**
 * How long a rate-limited write waits. The bridge's own budget (a refusal naming its `budget`) knows to
 * the ms when a call frees, often well within a second: at least 50 ms. An upstream 429 waits its
 * Retry-After but at least 1 s (Graph may say 0, and a throttled API is not asked again at once), or
 * 30 s without one.
 */
function rateLimitWait(error: BridgeError): number {
  const ownBudget = typeof error.details["budget"] === "string";
  return Math.max(ownBudget ? 50 : 1_000, error.retryAfterMs ?? 30_000);
}

type Outcome<Op> = { op: Op; result: "done" | "failed" | "unknown" };
type Hold = SlackHold | TeamsHold;
/** One side's writer and planner, with that side's ops and hold. */
type SideWrite<Op extends WriteOp, H extends Hold> = {
  writer: SpokeSideWriter<Side, Op, H>;
  plan(state: WriteState<H>, refresh: readonly string[], now: number): PlannedWrite<Op>[];
};

/**
 * The write job for one link and side: brings the side in line with what the bridge holds, one
 * call per facet. First, in one transaction, every call's expectations (echo fingerprints) and the
 * attempts are stored; then the calls are made; then, in a second transaction, their outcomes, the
 * audit event and until when the written state lasts. Both transactions re-read the side under the
 * link's lock, so decisions taken meanwhile are never overwritten. A worker that dies between the
 * two leaves the attempts recorded: the job runs again and replays the same state. On this hot path
 * each transaction is two statements: one locks and reads (lockSide), one stores everything.
 */
export async function runWrite(
  context: PipelineContext,
  rawPayload: unknown,
  job: WriteJobInfo,
): Promise<void> {
  const payload = ZWriteJob.parse(rawPayload);
  const writer = context.writers[payload.side];
  if (!writer) throw new BridgeError("internal", `No ${payload.side} writer in this process`);
  // The one place a side's ops are narrowed: each writer is given its own side's plan, so its ops stay typed.
  switch (writer.side) {
    case "slack":
      return writeSide(context, payload, job, {
        writer,
        plan: (state, refresh, now) => planSlackWrites(state, { refresh, now }),
      });
    case "teams":
      return writeSide(context, payload, job, {
        writer,
        plan: (state, refresh) => planTeamsWrites(state, { refresh }),
      });
  }
}

async function writeSide<Op extends WriteOp, H extends Hold>(
  context: PipelineContext,
  payload: WriteJob,
  job: WriteJobInfo,
  { writer, plan: planWrites }: SideWrite<Op, H>,
): Promise<void> {
  const { settings } = await pipelineConfig(context.db, context.now());
  const ttlMs =
    (payload.side === "slack" ? settings.slackEchoTtlSeconds : settings.teamsEchoTtlSeconds) * 1000;

  const prepared = await context.db.$transaction(async (tx) => {
    const locked = await lockWriteSide<H>(tx, payload.linkId, payload.side);
    if (!locked) return null;
    const { link, record } = locked;
    if (link.status === "needs_reauth" || link.status === "disabled") return null;
    const refresh = payload.refresh.includes("due")
      ? (writer.heldUntil(record.hold, context.now())?.facets ?? [])
      : payload.refresh;
    const planned = planWrites(record, refresh, context.now());
    if (planned.length === 0) return null;
    let state: WriteState<H> = record;
    for (const { op } of planned) state = recordAttempt(state, op);
    await saveLinkChanges(tx, link.id, {
      sides: [{ side: payload.side, record: { ...record, ...state } }],
      expectations: {
        side: payload.side,
        list: planned.flatMap((p) => p.expectations),
        expiresAt: new Date(context.now() + ttlMs),
      },
    });
    return { link, plan: planned };
  });
  if (!prepared) return;
  const { link, plan } = prepared;

  // A call the side refused (missing permission, invalid) does not stop the other, independent facets;
  // nor does a rate limit that names its method (Slack counts every method apart: a spent
  // users.profile.set budget leaves DND and presence writable); the job then comes back when the
  // soonest of those limits frees. Any other rate limit (Graph counts per app), a revoked token or a
  // connection failure ends the job. Calls not made are not in flight.
  const outcomes: Outcome<Op>[] = [];
  const refused: { op: Op; error: BridgeError }[] = [];
  const limited: { op: Op; error: BridgeError }[] = [];
  let stop: { op: Op; error: BridgeError } | undefined;
  for (const { op } of plan) {
    if (stop) {
      outcomes.push({ op, result: "failed" });
      continue;
    }
    try {
      await perform(context, writer, link, op);
      outcomes.push({ op, result: "done" });
    } catch (thrown) {
      const error = BridgeError.from(thrown);
      // A rejected call did not land; a failure of the connection may have (then it is replayed).
      const landedMaybe = error.code === "upstream_unavailable" || error.code === "internal";
      outcomes.push({ op, result: landedMaybe ? "unknown" : "failed" });
      if (error.code === "rate_limited" && typeof error.details.method === "string")
        limited.push({ op, error });
      else if (error.isRetryable || error.code === "rate_limited" || error.code === "auth_revoked")
        stop = { op, error };
      else refused.push({ op, error });
    }
  }

  const done = outcomes.filter((o) => o.result === "done").map((o) => o.op);
  await context.db.$transaction(async (tx) => {
    const locked = await lockWriteSide<H>(tx, link.id, payload.side);
    if (!locked) return;
    const { record } = locked;
    let state: WriteState<H> = record;
    for (const outcome of outcomes) {
      if (outcome.result !== "unknown") state = recordOutcome(state, outcome.op, outcome.result);
    }
    const next: SideRecord<object, H> = { ...record, ...state };
    const written =
      done.length > 0
        ? {
            writtenAt: new Date(context.now()),
            heldUntil: nextHeldUntil(writer.heldUntil(next.hold, context.now()), locked.heldUntil, done),
          }
        : {};
    await saveLinkChanges(tx, link.id, {
      sides: [{ side: payload.side, record: next, ...written }],
      ...(done.length > 0
        ? {
            events: {
              drafts: [draft("written", payload.side, describeOps(payload.side, done), { ops: done })],
              correlationId: `job:${job.id}`,
            },
          }
        : {}),
    });
  });
  if (done.length > 0) context.metrics.syncEvents.inc({ kind: "written", side: payload.side });
  for (const { op, error } of refused) await handleFailure(context, payload, link, op, error, job);
  const soonest = limited.sort((a, b) => (a.error.retryAfterMs ?? 0) - (b.error.retryAfterMs ?? 0))[0];
  const retry = stop ?? soonest;
  // Ranked by the status's end while a status call is among those held back (see handleFailure).
  const ranked = limited.some((l) => l.op.facet === "status") || retry?.op.facet === "status";
  if (retry) await handleFailure(context, payload, link, retry.op, retry.error, job, ranked);
}

/**
 * The new refresh deadline. It moves later only when this job wrote every facet the deadline is
 * about: a job that wrote only the status message leaves a held session's deadline where it was.
 */
export function nextHeldUntil(
  held: { at: number; facets: readonly string[] } | null,
  previous: Date | null,
  done: readonly WriteOp[],
): Date | null {
  if (!held) return null;
  const refreshed = held.facets.every((facet) => done.some((op) => op.facet === facet));
  if (refreshed || previous === null) return new Date(held.at);
  return new Date(Math.min(previous.getTime(), held.at));
}

/**
 * The link and its side as the write step works on them, locked (lockSide). The store parsed the
 * record with the side's own schema, so its hold is the hold of the writer's side.
 */
async function lockWriteSide<H extends Hold>(
  db: Db,
  linkId: string,
  side: Side,
): Promise<{ link: Link; record: SideRecord<object, H>; heldUntil: Date | null } | null> {
  const locked = await lockSide(db, linkId, side);
  if (!locked) return null;
  return {
    link: locked.link,
    record: locked.side.record as SideRecord<object, H>,
    heldUntil: locked.side.heldUntil,
  };
}

/** One call, timed and counted. */
async function perform<Op extends WriteOp, H extends Hold>(
  context: PipelineContext,
  writer: SpokeSideWriter<Side, Op, H>,
  link: Link,
  op: Op,
): Promise<void> {
  const timer = context.metrics.writeDuration.startTimer({ side: op.side });
  try {
    await writer.perform(link, op);
    context.metrics.writes.inc({ side: op.side, facet: op.facet, outcome: "done" });
  } catch (error) {
    context.metrics.writes.inc({ side: op.side, facet: op.facet, outcome: BridgeError.from(error).code });
    throw error;
  } finally {
    timer();
  }
}

/**
 * What the pipeline does about a failed call: reschedule, flag the link, record, or retry. A write held
 * back by the status budget comes back ranked by the minutes its status has left (writePriority), so the
 * freed budget goes to the status that stays right longest; one held back by another method's budget
 * (DND, presence) keeps priority 0, first come first served: the status's end says little about how long
 * a snooze or an away lasts, and ranking them by it did worse in the day benchmark's offline model.
 */
async function handleFailure(
  context: PipelineContext,
  payload: WriteJob,
  link: Link,
  op: WriteOp,
  error: BridgeError,
  job: WriteJobInfo,
  ranked = false,
): Promise<void> {
  const { db } = context;
  const base = { facet: op.facet, action: op.action, code: error.code, error: error.message };
  if (error.code === "rate_limited") {
    const retryAfterMs = rateLimitWait(error);
    const runAt = new Date(context.now() + retryAfterMs);
    await db.$transaction(async (tx) => {
      // A decision taken while this job ran queued a job of its own, with its state's end: that one counts.
      const expectedEnd = (await pendingWriteEnd(tx, link.id, op.side)) ?? payload.expectedEnd;
      await enqueueWrite(tx, link.id, op.side, {
        runAt,
        replaceRunAt: true,
        refresh: payload.refresh,
        now: context.now(),
        unranked: !ranked,
        ...(expectedEnd === undefined ? {} : { expectedEnd }),
      });
      await appendSyncEvents(
        tx,
        link.id,
        [
          draft("rate_limited", op.side, `Rate limited by ${op.side}; retrying at ${runAt.toISOString()}`, {
            ...base,
            retryAfterMs,
          }),
        ],
        `job:${job.id}`,
      );
    });
    // Due between two of the queue's polls, usually: run it when the budget frees, not at the next poll.
    context.wakeAt?.(runAt.getTime());
    return;
  }
  if (error.code === "auth_revoked") {
    await db.$transaction(async (tx) => {
      await setLinkStatus(tx, link.id, { status: "needs_reauth", reason: `${op.side}: ${error.message}` });
      await appendSyncEvents(
        tx,
        link.id,
        [draft("needs_reauth", op.side, `The ${op.side} account must be connected again`, base)],
        `job:${job.id}`,
      );
    });
    return;
  }
  if (!error.isRetryable) {
    await appendSyncEvents(
      db,
      link.id,
      [draft("failed", op.side, `Write to ${op.side} rejected: ${error.message}`, base)],
      `job:${job.id}`,
    );
    context.logger.error({ linkId: link.id, ...base }, "write rejected; an admin must act");
    return;
  }
  const final = job.attempts >= job.maxAttempts;
  const message = final
    ? `Write to ${op.side} failed for good after ${job.attempts} attempts`
    : `Write to ${op.side} failed (attempt ${job.attempts}); retrying`;
  await appendSyncEvents(
    db,
    link.id,
    [draft("failed", op.side, message, { ...base, attempt: job.attempts, final })],
    `job:${job.id}`,
  );
  // The queue retries with backoff; an attempt whose outcome is unknown stays recorded and is replayed.
  throw error;
}

function draft(
  kind: SyncEventDraft["kind"],
  side: Side,
  message: string,
  detail: Record<string, unknown>,
): SyncEventDraft {
  return { kind, side, message, detail };
}
