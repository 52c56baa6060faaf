// Pipeline throughput benchmark, in one process: `pnpm bench:pipeline` (or `pnpm bench:pipeline --links 10000`).
// N linked people each get one Teams change; measures observe → decide → write throughput and the
// latency from enqueue to the Slack writer's call, on the machine's Postgres (or the embedded one).
import { parseArgs } from "node:util";

import type { TeamsView } from "@presence/core";
import { createLink } from "@presence/db";
import { createTestDatabase } from "@presence/db/testing";
import { createLogger, createMetrics } from "@presence/telemetry";

import { enqueueObservation } from "../src/queue/enqueue.ts";
import { startPipeline } from "../src/start-pipeline.ts";
import { waitForIdle } from "../src/testing/wait-for-idle.ts";

const { values } = parseArgs({
  options: { links: { type: "string", default: "500" }, concurrency: { type: "string", default: "10" } },
});
const links = Number(values.links);
const concurrency = Number(values.concurrency);

const t = await createTestDatabase();
const tenant = "eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee";
const people = [];
for (let i = 0; i < links; i++) {
  people.push(
    await createLink(t.db, {
      slackTeamId: "T0BENCH",
      slackUserId: `U0B${String(i).padStart(6, "0")}`,
      tenantId: tenant,
      entraUserId: `ffffffff-ffff-4fff-8fff-${String(i).padStart(12, "0")}`,
    }),
  );
}
const enqueuedAt = new Map<string, number>();
const latencies: number[] = [];
const pipeline = await startPipeline({
  databaseUrl: t.url,
  embedded: t.embedded,
  concurrency,
  pollIntervalMs: 200,
  maintenance: false,
  context: {
    db: t.db,
    logger: createLogger({ service: "bench", level: "error" }),
    metrics: createMetrics("bench"),
    now: () => Date.now(),
    staleLockMs: 300_000,
    writers: {
      slack: {
        side: "slack",
        async perform(link) {
          const start = enqueuedAt.get(link.id);
          if (start !== undefined) latencies.push(Date.now() - start);
        },
        heldUntil: () => null,
      },
    },
  },
});

const meeting: TeamsView = {
  presence: { availability: "Busy", activity: "InAMeeting" },
  outOfOffice: { isOutOfOffice: false },
};
const started = Date.now();
// As receivers do: each change in a transaction of its own, 20 at a time (the store's pool is 5).
for (let from = 0; from < people.length; from += 20) {
  await Promise.all(
    people.slice(from, from + 20).map(async (link, offset) => {
      enqueuedAt.set(link.id, Date.now());
      await enqueueObservation(t.db, {
        subject: { side: "teams", tenantId: tenant, userId: link.entraUserId },
        facets: meeting,
        version: String(from + offset + 1).padStart(20, "0"),
        observedAt: Date.now(),
        source: "bench",
      });
    }),
  );
}
const enqueued = Date.now();
await waitForIdle(t.db, { timeoutMs: 600_000, settleMs: 100 });
const finished = Date.now();
await pipeline.stop();

latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
const seconds = (finished - started) / 1000;
console.log(
  JSON.stringify(
    {
      store: t.embedded ? "embedded (PGlite)" : "postgres",
      links,
      concurrency,
      writes: latencies.length,
      enqueueMs: enqueued - started,
      totalSeconds: Number(seconds.toFixed(2)),
      changesPerSecond: Number((links / seconds).toFixed(1)),
      latencyMs: { p50: pct(50), p95: pct(95), max: latencies.at(-1) },
    },
    null,
    2,
  ),
);
if (latencies.length !== links) process.exitCode = 1;
await t.drop();
