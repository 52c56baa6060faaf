import {
  BridgeError,
  planSlackWrites,
  planTeamsWrites,
  recordAttempt,
  recordOutcome,
  type PlannedWrite,
  type Side,
  type SideRecord,
  type SyncEventDraft,
  type WriteOp,
  type WriteState,
} from "@presence/core";
import {
  addExpectation,
  appendSyncEvents,
  getLink,
  loadSideRecord,
  lockLink,
  saveSide,
  setLinkStatus,
  type Link,
} from "@presence/db";

import { pipelineConfig } from "../config-cache.ts";
import type { PipelineContext } from "../context.ts";
import { ZWriteJob } from "../jobs.ts";
import { enqueueWrite } from "../queue/enqueue.ts";
import type { SideWriter } from "../side-writer.ts";
import { describeOps } from "./describe-ops.ts";

export interface WriteJobInfo {
  id: string;
  attempts: number;
  maxAttempts: number;
}

type AnyState = WriteState<object>;
type Outcome = { op: WriteOp; result: "done" | "failed" | "unknown" };

/**
 * The write job for one link and side: brings the side in line with what the bridge holds, one
 * call per facet. First, in one transaction, every call's expectations (echo fingerprints) and the
 * attempts are stored; then the calls are made; then, in a second transaction, their outcomes, the
 * audit event and until when the written state lasts. Both transactions re-read the side under the
 * link's lock, so decisions taken meanwhile are never overwritten. A worker that dies between the
 * two leaves the attempts recorded: the job runs again and replays the same state.
 */
export async function runWrite(
  context: PipelineContext,
  rawPayload: unknown,
  job: WriteJobInfo,
): Promise<void> {
  const payload = ZWriteJob.parse(rawPayload);
  const writer = context.writers[payload.side];
  if (!writer) throw new BridgeError("internal", `No ${payload.side} writer in this process`);
  const link = await getLink(context.db, payload.linkId);
  if (!link || link.status === "needs_reauth" || link.status === "disabled") return;
  const { settings } = await pipelineConfig(context.db, context.now());
  const ttlMs =
    (payload.side === "slack" ? settings.slackEchoTtlSeconds : settings.teamsEchoTtlSeconds) * 1000;

  const plan = await context.db.$transaction(async (tx) => {
    await lockLink(tx, link.id);
    const record = await loadSideRecord(tx, link.id, payload.side);
    if (!record) return [];
    const refresh = payload.refresh.includes("due")
      ? (writer.heldUntil(record.hold, context.now())?.facets ?? [])
      : payload.refresh;
    const planned: PlannedWrite<WriteOp>[] =
      payload.side === "slack"
        ? planSlackWrites(record as never, { refresh, now: context.now() })
        : planTeamsWrites(record as never, { refresh });
    if (planned.length === 0) return [];
    const expiresAt = new Date(context.now() + ttlMs);
    let state: AnyState = record;
    for (const { op, expectations } of planned) {
      for (const expectation of expectations)
        await addExpectation(tx, link.id, payload.side, expectation, expiresAt);
      state = recordAttempt(state as WriteState<never>, op);
    }
    await saveSide(tx, link.id, payload.side, { record: { ...record, ...state } });
    return planned;
  });
  if (plan.length === 0) return;

  // A call the side refused (missing permission, invalid) does not stop the other, independent facets;
  // a rate limit, a revoked token or a connection failure ends the job. Calls not made are not in flight.
  const outcomes: Outcome[] = [];
  const refused: { op: WriteOp; error: BridgeError }[] = [];
  let stop: { op: WriteOp; error: BridgeError } | undefined;
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
      if (error.isRetryable || error.code === "rate_limited" || error.code === "auth_revoked")
        stop = { op, error };
      else refused.push({ op, error });
    }
  }

  const done = outcomes.filter((o) => o.result === "done").map((o) => o.op);
  await context.db.$transaction(async (tx) => {
    await lockLink(tx, link.id);
    const record = await loadSideRecord(tx, link.id, payload.side);
    if (!record) return;
    let state: AnyState = record;
    for (const outcome of outcomes) {
      if (outcome.result !== "unknown")
        state = recordOutcome(state as WriteState<never>, outcome.op, outcome.result);
    }
    const next: SideRecord<object, object> = { ...record, ...state };
    const previous =
      done.length > 0
        ? ((
            await tx.linkSide.findUnique({
              where: { linkId_side: { linkId: link.id, side: payload.side } },
              select: { heldUntil: true },
            })
          )?.heldUntil ?? null)
        : null;
    await saveSide(tx, link.id, payload.side, {
      record: next,
      ...(done.length > 0
        ? {
            writtenAt: new Date(context.now()),
            heldUntil: nextHeldUntil(writer.heldUntil(next.hold, context.now()), previous, done),
          }
        : {}),
    });
    if (done.length > 0) {
      await appendSyncEvents(
        tx,
        link.id,
        [draft("written", payload.side, describeOps(payload.side, done), { ops: done })],
        `job:${job.id}`,
      );
    }
  });
  if (done.length > 0) context.metrics.syncEvents.inc({ kind: "written", side: payload.side });
  for (const { op, error } of refused) await handleFailure(context, link, op, error, job);
  if (stop) await handleFailure(context, link, stop.op, stop.error, job);
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

/** One call, timed and counted. */
async function perform(context: PipelineContext, writer: SideWriter, link: Link, op: WriteOp): Promise<void> {
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

/** What the pipeline does about a failed call: reschedule, flag the link, record, or retry. */
async function handleFailure(
  context: PipelineContext,
  link: Link,
  op: WriteOp,
  error: BridgeError,
  job: WriteJobInfo,
): Promise<void> {
  const { db } = context;
  const base = { facet: op.facet, action: op.action, code: error.code, error: error.message };
  if (error.code === "rate_limited") {
    const retryAfterMs = Math.max(1000, error.retryAfterMs ?? 30_000);
    const runAt = new Date(context.now() + retryAfterMs);
    await db.$transaction(async (tx) => {
      await enqueueWrite(tx, link.id, op.side, { runAt, replaceRunAt: true });
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
