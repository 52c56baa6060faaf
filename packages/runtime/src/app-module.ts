import type { SideWriter } from "@presence/pipeline";
import type { CronItem, TaskList } from "graphile-worker";
import type { ReadinessCheck } from "@presence/telemetry";
import type { Router } from "express";

/**
 * One app's contribution to a process: its HTTP routes (mounted at the server's root; each app
 * owns its prefix: /slack, /graph, /api …), the side writers it brings to the pipeline, its
 * readiness checks and its own background work.
 */
export interface AppModule {
  name: string;
  router: Router;
  writers: SideWriter[];
  readiness: ReadinessCheck[];
  /** Background jobs of this app, run by the pipeline worker (graphile-worker tasks by name). */
  tasks?: TaskList;
  /** Cron items for singleton duties (each tick runs once across all replicas). */
  cron?: CronItem[];
  /** Starts background work (polling, renewals) once the server listens. */
  start(): Promise<void>;
  /** The server stops taking requests: end long-lived responses (event streams) that would keep it open. */
  closing?(): void;
  stop(): Promise<void>;
}
