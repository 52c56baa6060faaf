import type { Db } from "@presence/db";

export interface QueueStats {
  /** Jobs that will still run (due now or later). */
  waiting: number;
  /** Waiting jobs due now that no worker has taken yet. */
  due: number;
  /** Jobs that used up their attempts. */
  failedForGood: number;
  /** When the longest-waiting due job became due (the queue's lag), or null. */
  oldestDueAt: Date | null;
}

/** The queue as the admin overview shows it. */
export async function queueStats(db: Db): Promise<QueueStats> {
  const [row] = await db.$queryRaw<{ waiting: bigint; due: bigint; failed: bigint; oldest: Date | null }[]>`
    SELECT count(*) FILTER (WHERE attempts < max_attempts) AS waiting,
           count(*) FILTER (WHERE attempts < max_attempts AND run_at <= now() AND locked_at IS NULL) AS due,
           count(*) FILTER (WHERE attempts >= max_attempts) AS failed,
           min(run_at) FILTER (WHERE attempts < max_attempts AND run_at <= now() AND locked_at IS NULL) AS oldest
    FROM graphile_worker.jobs`;
  return {
    waiting: Number(row?.waiting ?? 0),
    due: Number(row?.due ?? 0),
    failedForGood: Number(row?.failed ?? 0),
    oldestDueAt: row?.oldest ?? null,
  };
}

/** Whether a job with this key will still run (waiting or running). */
export async function hasPendingJob(db: Db, key: string): Promise<boolean> {
  const pending = await db.$queryRaw<{ id: bigint }[]>`
    SELECT id FROM graphile_worker.jobs WHERE key = ${key} AND attempts < max_attempts LIMIT 1`;
  return pending.length > 0;
}
