import {
  appendSyncEvents,
  countLinks,
  getSettings,
  pruneExpectations,
  pruneInboundEvents,
  pruneSyncEvents,
  resumeDuePausedLinks,
} from "@presence/db";

import type { PipelineContext } from "../context.ts";
import { enqueueDueRefreshes, enqueueReconsider } from "../queue/enqueue.ts";

const DAY = 24 * 60 * 60 * 1000;

/** Frees the jobs of workers that died holding them (a crashed replica), so they run again now. */
export async function releaseStaleLocks(context: PipelineContext): Promise<number> {
  const since = new Date(context.now() - context.staleLockMs);
  const stale = await context.db.$queryRaw<{ locked_by: string }[]>`
    SELECT DISTINCT locked_by FROM graphile_worker.jobs WHERE locked_at IS NOT NULL AND locked_at < ${since}`;
  if (stale.length === 0) return 0;
  await context.db
    .$executeRaw`SELECT graphile_worker.force_unlock_workers(${stale.map((s) => s.locked_by)}::text[])`;
  context.logger.warn(
    { workers: stale.map((s) => s.locked_by) },
    "released jobs held by unresponsive workers",
  );
  return stale.length;
}
/** Held states are written again this long before they would lapse. */
const REFRESH_LEAD_MS = 2 * 60 * 1000;

/**
 * The maintenance job (graphile-worker cron, once a minute across all replicas): ends pauses that
 * are over, schedules refresh writes for held states about to lapse (Teams session expiry and
 * keep-alive, Slack status expiry), and prunes expired expectations, old dedupe records and audit
 * events past their retention.
 */
export async function runMaintenance(context: PipelineContext): Promise<void> {
  const { db } = context;
  const now = context.now();
  const settings = await getSettings(db);

  const resumed = await resumeDuePausedLinks(db, new Date(now));
  for (const linkId of resumed) {
    await enqueueReconsider(db, linkId, "pause ended");
    await appendSyncEvents(db, linkId, [
      {
        kind: "link_updated",
        side: null,
        message: "Pause ended; mirroring again",
        detail: { status: "active" },
      },
    ]);
  }

  // Slack holds here; the Teams bridge calls the same on its own, finer schedule (keep-alive). Whichever
  // process has that side's writer picks the jobs up.
  await enqueueDueRefreshes(db, "slack", new Date(now + REFRESH_LEAD_MS));

  await releaseStaleLocks(context);
  await pruneExpectations(db, new Date(now));
  await pruneInboundEvents(db, new Date(now - DAY));
  await pruneSyncEvents(db, new Date(now - settings.auditRetentionDays * DAY));

  const counts = await countLinks(db);
  for (const [status, count] of Object.entries(counts)) context.metrics.linkStatus.set({ status }, count);
}
