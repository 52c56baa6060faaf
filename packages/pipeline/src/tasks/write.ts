import {
  BridgeError,
  planSlackWrites,
  planTeamsWrites,
  recordAttempt,
  recordOutcome,
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
  getSettings,
  loadLinkSnapshot,
  lockLink,
  saveSide,
  setLinkStatus,
  type DbClient,
  type Link,
} from "@presence/db";

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

type AnyRecord = SideRecord<object, object>;

/**
 * The write job for one link and side: brings the side in line with what the bridge holds, one
 * call per facet. Before each call its expectations (echo fingerprints) and the attempt are stored;
 * after it the outcome. Each bookkeeping step re-reads the side under the link's lock, so decisions
 * taken meanwhile are never overwritten. Replays after a crash write the same state again.
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

  const settings = await getSettings(context.db);
  const record = await readSide(context.db, link.id, payload.side);
  if (!record) return;
  const refresh = payload.refresh.includes("due")
    ? (writer.heldUntil(record.hold, context.now())?.facets ?? [])
    : payload.refresh;
  const plan =
    payload.side === "slack"
      ? planSlackWrites(record as never, { refresh })
      : planTeamsWrites(record as never, { refresh });
  if (plan.length === 0) return;

  const ttlMs =
    (payload.side === "slack" ? settings.slackEchoTtlSeconds : settings.teamsEchoTtlSeconds) * 1000;
  const done: WriteOp[] = [];
  for (const { op, expectations } of plan) {
    await bookkeep(context.db, link.id, payload.side, async (tx, state) => {
      const expiresAt = new Date(context.now() + ttlMs);
      for (const expectation of expectations)
        await addExpectation(tx, link.id, payload.side, expectation, expiresAt);
      return recordAttempt(state as WriteState<never>, op);
    });
    const outcome = await perform(context, writer, link, op, job);
    if (outcome !== "done") {
      if (outcome === "failed")
        await bookkeep(context.db, link.id, payload.side, async (_tx, state) =>
          recordOutcome(state as WriteState<never>, op, "failed"),
        );
      await audit(context, link.id, payload.side, done, job);
      return;
    }
    done.push(op);
    await bookkeep(context.db, link.id, payload.side, async (_tx, state) =>
      recordOutcome(state as WriteState<never>, op, "done"),
    );
  }
  await audit(context, link.id, payload.side, done, job);
  const where = { linkId_side: { linkId: link.id, side: payload.side } };
  const previous =
    (await context.db.linkSide.findUnique({ where, select: { heldUntil: true } }))?.heldUntil ?? null;
  const held = writer.heldUntil(
    (await readSide(context.db, link.id, payload.side))?.hold ?? {},
    context.now(),
  );
  await context.db.linkSide.update({
    where,
    data: { writtenAt: new Date(context.now()), heldUntil: nextHeldUntil(held, previous, done) },
  });
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

/** One call; maps its failure to what the pipeline does about it. */
async function perform(
  context: PipelineContext,
  writer: SideWriter,
  link: Link,
  op: WriteOp,
  job: WriteJobInfo,
): Promise<"done" | "failed" | "rescheduled"> {
  const timer = context.metrics.writeDuration.startTimer({ side: op.side });
  try {
    await writer.perform(link, op);
    context.metrics.writes.inc({ side: op.side, facet: op.facet, outcome: "done" });
    return "done";
  } catch (thrown) {
    const error = BridgeError.from(thrown);
    context.metrics.writes.inc({ side: op.side, facet: op.facet, outcome: error.code });
    return handleFailure(context, link, op, error, job);
  } finally {
    timer();
  }
}

async function handleFailure(
  context: PipelineContext,
  link: Link,
  op: WriteOp,
  error: BridgeError,
  job: WriteJobInfo,
): Promise<"failed" | "rescheduled"> {
  const { db } = context;
  const base = { facet: op.facet, action: op.action, code: error.code, error: error.message };
  if (error.code === "rate_limited") {
    const retryAfterMs = Math.max(1000, error.retryAfterMs ?? 30_000);
    const runAt = new Date(context.now() + retryAfterMs);
    await db.$transaction(async (tx) => {
      await enqueueWrite(tx, link.id, op.side, { runAt });
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
    return "rescheduled";
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
    return "failed";
  }
  if (!error.isRetryable) {
    await appendSyncEvents(
      db,
      link.id,
      [draft("failed", op.side, `Write to ${op.side} rejected: ${error.message}`, base)],
      `job:${job.id}`,
    );
    context.logger.error({ linkId: link.id, ...base }, "write rejected; an admin must act");
    return "failed";
  }
  const final = job.attempts >= job.maxAttempts;
  await appendSyncEvents(
    db,
    link.id,
    [
      draft(
        "failed",
        op.side,
        final
          ? `Write to ${op.side} failed for good after ${job.attempts} attempts`
          : `Write to ${op.side} failed (attempt ${job.attempts}); retrying`,
        { ...base, attempt: job.attempts, final },
      ),
    ],
    `job:${job.id}`,
  );
  // The outcome is unknown (the call may have landed): the attempt stays recorded and the queue retries.
  throw error;
}

/** Read-modify-write of one side's write state under the link's lock. */
async function bookkeep(
  db: DbClient,
  linkId: string,
  side: Side,
  change: (
    tx: Parameters<Parameters<DbClient["$transaction"]>[0]>[0],
    state: WriteState<object>,
  ) => Promise<WriteState<object>>,
): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockLink(tx, linkId);
    const record = await readSide(tx, linkId, side);
    if (!record) return;
    const next = await change(tx, record);
    await saveSide(tx, linkId, side, { record: { ...record, ...next } });
  });
}

async function readSide(
  db: Parameters<typeof getSettings>[0],
  linkId: string,
  side: Side,
): Promise<AnyRecord | null> {
  const snapshot = await loadLinkSnapshot(db, linkId, await getSettings(db));
  return snapshot ? (snapshot[side] as AnyRecord) : null;
}

async function audit(
  context: PipelineContext,
  linkId: string,
  side: Side,
  done: readonly WriteOp[],
  job: WriteJobInfo,
) {
  if (done.length === 0) return;
  await appendSyncEvents(
    context.db,
    linkId,
    [draft("written", side, describeOps(side, done), { ops: done })],
    `job:${job.id}`,
  );
  context.metrics.syncEvents.inc({ kind: "written", side });
}

function draft(
  kind: SyncEventDraft["kind"],
  side: Side,
  message: string,
  detail: Record<string, unknown>,
): SyncEventDraft {
  return { kind, side, message, detail };
}
