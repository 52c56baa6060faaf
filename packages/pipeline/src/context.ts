import type { Side } from "@presence/core";
import type { DbClient } from "@presence/db";
import type { Logger, Metrics } from "@presence/telemetry";

import type { SideWriter } from "./side-writer.ts";

/** What the pipeline's tasks share: the store, the writers this process has, telemetry, a clock. */
export interface PipelineContext {
  db: DbClient;
  logger: Logger;
  metrics: Metrics;
  writers: Partial<Record<Side, SideWriter>>;
  now: () => number;
  /**
   * graphile-worker 0.16 frees a dead worker's jobs only after 4 hours; the maintenance job frees
   * them once locked this long (every job of ours takes seconds).
   */
  staleLockMs: number;
  /**
   * Looks for due jobs just after `at` (set by startPipeline for its tasks): a job put off to a
   * moment that falls between two of graphile-worker's polls runs then, not at the next poll.
   */
  wakeAt?: (at: number) => void;
}
