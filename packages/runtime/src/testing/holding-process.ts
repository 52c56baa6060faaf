// A bridge process that is killed holding a job (test helper for dead-process-jobs.test.ts): runApps with a
// fast heartbeat, whose Slack writer takes its write job, prints "holding" and never finishes. The test then
// ends it with SIGKILL, as `kill -9` would.
import { createDbClient } from "@presence/db";
import { createLogger, createMetrics } from "@presence/telemetry";
import express from "express";

import { runApps } from "../run-apps.ts";

const [url, embedded] = process.argv.slice(2);
if (!url) throw new Error("usage: holding-process.ts <database url> <embedded>");
const service = "holding-process";
const db = createDbClient({ url, poolSize: 3 });
await runApps(
  {
    service,
    db,
    databaseUrl: url,
    embedded: embedded === "true",
    keyRing: { currentId: "test", keys: new Map([["test", Buffer.alloc(32)]]) },
    logger: createLogger({ service, level: "warn" }),
    metrics: createMetrics(service),
    now: () => Date.now(),
    stop: () => db.$disconnect(),
  },
  [
    {
      name: "holding",
      router: express.Router(),
      writers: [
        {
          side: "slack",
          perform: () => {
            process.stdout.write("holding\n");
            return new Promise<never>(() => undefined);
          },
          heldUntil: () => null,
        },
      ],
      readiness: [],
      start: async () => undefined,
      stop: async () => undefined,
    },
  ],
  { host: "127.0.0.1", port: 0, workerConcurrency: 2, pollIntervalMs: 100, heartbeatMs: 200 },
);
