// A worker that dies mid-write (test helper for start-pipeline.test.ts): it performs the Slack
// call (records it in crash_side, as Slack would apply it) and exits before recording the outcome.
import pg from "pg";

import { createDbClient } from "@presence/db";
import { createLogger, createMetrics } from "@presence/telemetry";

import { startPipeline } from "../start-pipeline.ts";

const [url, embedded] = process.argv.slice(2);
if (!url) throw new Error("usage: crashing-worker.ts <database url> <embedded>");
const side = new pg.Client({ connectionString: url });
await side.connect();
const db = createDbClient({ url, poolSize: 3 });
await startPipeline({
  databaseUrl: url,
  embedded: embedded === "true",
  maintenance: false,
  pollIntervalMs: 100,
  context: {
    db,
    logger: createLogger({ service: "crashing-worker", level: "warn" }),
    metrics: createMetrics("crashing-worker"),
    now: () => Date.now(),
    staleLockMs: 5 * 60_000,
    writers: {
      slack: {
        side: "slack",
        async perform(_link, op) {
          await side.query("INSERT INTO crash_side (op) VALUES ($1)", [JSON.stringify(op)]);
          process.exit(70);
        },
        heldUntil: () => null,
      },
    },
  },
});
