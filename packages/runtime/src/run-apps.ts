import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { hostname } from "node:os";

import {
  APP_INSTANCE_ALIVE_WITHIN_MS,
  releaseOrphanedJobs,
  removeAppInstance,
  reportAppInstance,
} from "@presence/db";
import { startPipeline, type Pipeline } from "@presence/pipeline";
import { createOpsRouter, runReadinessChecks, type ReadinessCheck } from "@presence/telemetry";
import express from "express";

import type { AppModule } from "./app-module.ts";
import type { Runtime } from "./start-runtime.ts";

export interface RunAppsOptions {
  host: string;
  port: number;
  workerConcurrency: number;
  /** How often the worker looks for due jobs besides LISTEN/NOTIFY (future-dated jobs), ms. Default 1000. */
  pollIntervalMs?: number;
  /**
   * How often the process reports itself (its readiness and queue workers) and releases the jobs of dead
   * processes, ms. Default 5 s.
   */
  heartbeatMs?: number;
  /**
   * A job held this long by a worker of no live process is released to run again, ms. Default
   * APP_INSTANCE_ALIVE_WITHIN_MS (15 s).
   */
  orphanedJobAfterMs?: number;
}

export interface RunningApps {
  /** Base URL the server listens on, e.g. http://127.0.0.1:3000 */
  url: string;
  server: Server;
  stop(): Promise<void>;
}

/**
 * Serves the modules' routes plus /healthz, /readyz and /metrics on one HTTP server, and runs one
 * pipeline worker with every writer the modules bring. `stop` ends it all in order.
 */
export async function runApps(
  runtime: Runtime,
  modules: readonly AppModule[],
  options: RunAppsOptions,
): Promise<RunningApps> {
  const app = express();
  app.disable("x-powered-by");
  // Audit event ids are bigints: JSON carries them as strings.
  app.set("json replacer", (_key: string, value: unknown) =>
    typeof value === "bigint" ? value.toString() : value,
  );
  const checks: ReadinessCheck[] = [
    { name: "database", check: async () => void (await runtime.db.$queryRaw`SELECT 1`) },
    ...modules.flatMap((m) => m.readiness),
  ];
  app.use(
    createOpsRouter({
      registry: runtime.metrics.registry,
      checks,
      onFailure: (check, error) => runtime.logger.warn({ check, error }, "readiness check failing"),
    }),
  );
  for (const module of modules) app.use(module.router);
  app.use((_req, res) => void res.status(404).json({ error: "not_found" }));

  // Listen first: a port in use fails the start before any background work begins.
  const server = await new Promise<Server>((resolve, reject) => {
    // Express 5 passes a listen error (e.g. EADDRINUSE) to the callback.
    const s = app.listen(options.port, options.host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const writers = Object.fromEntries(modules.flatMap((m) => m.writers).map((w) => [w.side, w]));
  const pipeline: Pipeline = await startPipeline({
    databaseUrl: runtime.databaseUrl,
    embedded: runtime.embedded,
    concurrency: options.workerConcurrency,
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    tasks: Object.assign({}, ...modules.map((m) => m.tasks ?? {})),
    cron: modules.flatMap((m) => m.cron ?? []),
    context: {
      db: runtime.db,
      logger: runtime.logger,
      metrics: runtime.metrics,
      writers,
      now: runtime.now,
      staleLockMs: 5 * 60_000,
    },
  });

  const address = server.address() as AddressInfo;
  const url = `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${address.port}`;
  for (const module of modules) await module.start();
  runtime.logger.info({ url, apps: modules.map((m) => m.name) }, "listening");
  const heartbeat = startHeartbeat(runtime, modules, checks, pipeline, {
    everyMs: options.heartbeatMs ?? 5_000,
    orphanedJobAfterMs: options.orphanedJobAfterMs ?? APP_INSTANCE_ALIVE_WITHIN_MS,
  });

  return {
    url,
    server,
    async stop() {
      // No new requests, then let running jobs finish while the apps' clients still work, then the apps.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const module of modules) module.closing?.();
      await closed;
      // Keep reporting while the workers finish: a job of a process no longer reporting is released elsewhere.
      await pipeline.stop();
      await heartbeat.stop();
      for (const module of modules) await module.stop();
    },
  };
}

/**
 * Reports this process in the store (AppInstance) with its readiness and queue workers, now and every
 * `everyMs`, so the admin overview shows every app and replica; a process that stops takes itself off the
 * list. Each beat then releases the jobs held by workers of processes no longer reporting (killed ones), so
 * they run again within seconds; the maintenance job's 5-minute release stays as the fallback.
 */
function startHeartbeat(
  runtime: Runtime,
  modules: readonly AppModule[],
  checks: readonly ReadinessCheck[],
  pipeline: Pipeline,
  options: { everyMs: number; orphanedJobAfterMs: number },
): { stop(): Promise<void> } {
  const id = randomUUID();
  const startedAt = new Date();
  const report = async () => {
    const results = await runReadinessChecks(checks);
    await reportAppInstance(runtime.db, {
      id,
      service: runtime.service,
      apps: modules.map((m) => m.name),
      hostname: hostname(),
      pid: process.pid,
      startedAt,
      // The check's name only: error texts can carry hosts and other details admins need not see here.
      checks: Object.fromEntries(results.map((r) => [r.name, r.ok ? "ok" : "failing"])),
      workerIds: pipeline.workerIds(),
    });
    const released = await releaseOrphanedJobs(runtime.db, {
      aliveWithinMs: APP_INSTANCE_ALIVE_WITHIN_MS,
      lockedForMs: options.orphanedJobAfterMs,
    });
    if (released.length > 0)
      runtime.logger.warn({ workers: released }, "released jobs held by workers of stopped processes");
  };
  let last = report().catch((error: unknown) => runtime.logger.warn({ err: error }, "heartbeat failed"));
  const timer = setInterval(() => {
    last = report().catch((error: unknown) => runtime.logger.warn({ err: error }, "heartbeat failed"));
  }, options.everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await last;
      await removeAppInstance(runtime.db, id).catch(() => undefined);
    },
  };
}
