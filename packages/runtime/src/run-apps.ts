import type { AddressInfo } from "node:net";
import type { Server } from "node:http";

import { startPipeline, type Pipeline } from "@presence/pipeline";
import { createOpsRouter } from "@presence/telemetry";
import express from "express";

import type { AppModule } from "./app-module.ts";
import type { Runtime } from "./start-runtime.ts";

export interface RunAppsOptions {
  host: string;
  port: number;
  workerConcurrency: number;
  /** How often the worker looks for due jobs besides LISTEN/NOTIFY (future-dated jobs), ms. Default 1000. */
  pollIntervalMs?: number;
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
  app.use(
    createOpsRouter({
      registry: runtime.metrics.registry,
      checks: [
        { name: "database", check: async () => void (await runtime.db.$queryRaw`SELECT 1`) },
        ...modules.flatMap((m) => m.readiness),
      ],
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

  return {
    url,
    server,
    async stop() {
      // No new requests, then let running jobs finish while the apps' clients still work, then the apps.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pipeline.stop();
      for (const module of modules) await module.stop();
    },
  };
}
