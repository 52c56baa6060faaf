import { EventEmitter } from "node:events";

import {
  Logger as WorkerLogger,
  parseCronItems,
  run,
  type CronItem,
  type Runner,
  type TaskList,
  type WorkerEvents,
} from "graphile-worker";

import { pgConfigFromUrl } from "@presence/db";
import pg from "pg";

import type { PipelineContext } from "./context.ts";
import { MAINTENANCE_TASK, OBSERVE_TASK, RECONSIDER_ALL_TASK, RECONSIDER_TASK, writeTask } from "./jobs.ts";
import { runMaintenance } from "./tasks/maintenance.ts";
import { runObserve } from "./tasks/observe.ts";
import { runReconsider, runReconsiderAll } from "./tasks/reconsider.ts";
import { QueueWaker } from "./queue/queue-waker.ts";
import { runWrite } from "./tasks/write.ts";

export interface StartPipelineOptions {
  context: PipelineContext;
  databaseUrl: string;
  /** Jobs run at once in this process. */
  concurrency?: number;
  /** How often to look for jobs when LISTEN/NOTIFY is quiet, ms. */
  pollIntervalMs?: number;
  /** The embedded Postgres multiplexes connections: no prepared statements there. */
  embedded?: boolean;
  /** Run the once-a-minute maintenance job from this process (every replica may: cron runs each tick once). */
  maintenance?: boolean;
  /** Further tasks the apps bring (polling, renewals, token refresh …), by graphile-worker task name. */
  tasks?: TaskList;
  /**
   * Further cron items (graphile-worker runs each tick once across all replicas: the way to run a
   * singleton duty). Their tasks must be in `tasks`.
   */
  cron?: CronItem[];
}

export interface Pipeline {
  /**
   * The graphile-worker ids (`locked_by` of the jobs they hold) of this process: since graphile-worker
   * 0.17 the pool locks every job it fetches, for its local queue or a worker. The heartbeat reports
   * them so other replicas can tell a live process's jobs from a dead one's.
   */
  workerIds(): string[];
  stop(): Promise<void>;
}

/**
 * graphile-worker's batching (0.17, ADR 0003): the pool fetches and locks up to `concurrency` due jobs in
 * one query and hands them to its workers from memory, instead of each idle worker asking Postgres for
 * one job whenever any job is added (most of them finding nothing). Completions of jobs that end together
 * are one statement. No `refetchDelay`: with it, a job added while the delay ran sometimes waited for the
 * next poll (`pollInterval`, 1 s), which was the benchmark's p99. The trade: a job may wait in one
 * process's local queue while another process is idle, and a job added with a higher priority is seen at
 * the next fetch.
 */
function queueBatching(concurrency: number) {
  return { localQueue: { size: concurrency }, completeJobBatchDelay: 0, failJobBatchDelay: 0 };
}

/** Runs the pipeline's jobs in this process: observe, the writes this process has writers for, maintenance. */
export async function startPipeline(options: StartPipelineOptions): Promise<Pipeline> {
  const waker = new QueueWaker();
  const context = { ...options.context, wakeAt: (at: number) => waker.wakeAt(at) };
  const taskList: TaskList = {
    [OBSERVE_TASK]: async (payload, helpers) => runObserve(context, payload, helpers.job.id),
    [MAINTENANCE_TASK]: async () => runMaintenance(context),
    [RECONSIDER_TASK]: async (payload, helpers) => runReconsider(context, payload, helpers.job.id),
    [RECONSIDER_ALL_TASK]: async (payload) => runReconsiderAll(context, payload),
  };
  Object.assign(taskList, options.tasks ?? {});
  for (const writer of Object.values(context.writers)) {
    taskList[writeTask(writer.side)] = async (payload, helpers) =>
      runWrite(context, payload, {
        id: helpers.job.id,
        attempts: helpers.job.attempts,
        maxAttempts: helpers.job.max_attempts,
      });
  }
  const logger = context.logger.child({ component: "queue" });
  // The queue's own pool, owned here so it is ended on stop and its errors are logged, not thrown.
  const concurrency = options.concurrency ?? 10;
  const pgPool = new pg.Pool(pgConfigFromUrl(options.databaseUrl, { max: concurrency + 2 }));
  pgPool.on("error", (error) => logger.warn({ err: error }, "queue connection error"));
  // A checked-out client's own errors (a connection lost mid-query) too, or they would crash the process.
  pgPool.on("connect", (client) =>
    client.on("error", (error) => logger.warn({ err: error }, "queue connection error")),
  );
  // Our own emitter, passed in: the workers are created (and announce themselves) before `run` returns.
  const events = new EventEmitter() as WorkerEvents;
  const workerIds = new Set<string>();
  events.on("pool:create", ({ workerPool }) => {
    workerIds.add(workerPool.id);
    waker.attach(workerPool);
  });
  for (const event of ["pool:release", "pool:gracefulShutdown", "pool:forcefulShutdown"] as const)
    events.on(event, ({ workerPool }) => waker.detach(workerPool));
  // Not on "pool:release": a released pool may still be finishing the jobs it holds.
  events.on("pool:gracefulShutdown:complete", ({ workerPool }) => workerIds.delete(workerPool.id));
  events.on("pool:forcefulShutdown:complete", ({ workerPool }) => workerIds.delete(workerPool.id));
  const runner: Runner = await run({
    pgPool,
    concurrency,
    preset: { worker: queueBatching(concurrency) },
    pollInterval: options.pollIntervalMs ?? 1000,
    noHandleSignals: true,
    events,
    noPreparedStatements: options.embedded ?? false,
    taskList,
    parsedCronItems: parseCronItems([
      ...(options.maintenance === false
        ? []
        : [
            {
              task: MAINTENANCE_TASK,
              match: "* * * * *",
              identifier: MAINTENANCE_TASK,
              options: { backfillPeriod: 0, maxAttempts: 1 },
            },
          ]),
      ...(options.cron ?? []),
    ]),
    logger: new WorkerLogger((scope) => (level, message, meta) => {
      const line = { ...scope, ...meta };
      if (level === "error") logger.error(line, message);
      else if (level === "warning") logger.warn(line, message);
      else logger.debug(line, message);
    }),
  });
  return {
    workerIds: () => [...workerIds],
    async stop() {
      waker.stop();
      await runner.stop();
      await pgPool.end();
    },
  };
}
