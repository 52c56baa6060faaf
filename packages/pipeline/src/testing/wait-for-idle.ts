import type { DbClient } from "@presence/db";

export interface WaitForIdleOptions {
  timeoutMs?: number;
  settleMs?: number;
  /**
   * Tasks whose jobs do not count (an app's self-rescheduling jobs — polling, renewals — are always
   * pending, so the pipeline would never look idle).
   */
  ignoreTasks?: readonly string[];
}

/** Waits until no job is waiting or running (failed-for-good jobs aside), then a little longer. */
export async function waitForIdle(db: DbClient, options: WaitForIdleOptions = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  const ignored = [...(options.ignoreTasks ?? [])];
  let quietSince: number | null = null;
  while (Date.now() < deadline) {
    const [row] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM graphile_worker.jobs
      WHERE attempts < max_attempts AND NOT (task_identifier = ANY(${ignored}::text[]))`;
    if (Number(row?.n ?? 0) === 0) {
      quietSince ??= Date.now();
      if (Date.now() - quietSince >= (options.settleMs ?? 300)) return;
    } else quietSince = null;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the pipeline did not go idle in time");
}
