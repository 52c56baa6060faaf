import type { SpokeObservation } from "@presence/core";
import type { DbClient } from "@presence/db";

import { OBSERVE_TASK, ZObserveJob, type ObserveJob } from "../jobs.ts";

/**
 * The observe jobs inbound paths enqueued, read from the queue in order (for a process whose worker
 * does not run them, e.g. a spoke's contract test). Each `take` returns the jobs added since the
 * last one, as one spoke's observations: `select` names the subject and facets of that spoke's jobs
 * (null for other spokes').
 */
export class QueuedObservations {
  #after = 0n;

  constructor(private readonly db: DbClient) {}

  async take<Person, View>(
    select: (job: ObserveJob) => { subject: Person; facets: View } | null,
  ): Promise<SpokeObservation<Person, View>[]> {
    const rows = await this.db.$queryRaw<{ id: bigint; payload: unknown }[]>`
      SELECT j.id, j.payload FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = ${OBSERVE_TASK} AND j.id > ${this.#after}
      ORDER BY j.id`;
    const last = rows.at(-1);
    if (last) this.#after = last.id;
    return rows.flatMap((row) => {
      const job = ZObserveJob.parse(row.payload);
      const selected = select(job);
      if (!selected) return [];
      const { version, observedAt, source, eventId } = job;
      return [{ ...selected, version, observedAt, source, ...(eventId ? { eventId } : {}) }];
    });
  }
}
