// `pnpm bench` (docs/performance.md): the Slack and Teams bridges as separate processes on a fresh
// database of the real Postgres, both emulators (limits lifted) in this process, BENCH_PEOPLE linked
// people changing state in their own clients. Scenarios: overhead (latency the bridge adds at a steady
// rate, CPU and memory per process), ceiling (the highest rate whose p99 stays within 1 s), scale-out
// (1 vs 3 processes of each bridge). Prints a table, writes bench-results/bench.json, ends with one line.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

import { loadBenchEnv } from "./bench-env.ts";
import { startBenchWorld, type BenchWorld } from "./bench-world.ts";
import { ChangeDriver } from "./change-driver.ts";
import { printDay, runDay, type DayResult } from "./day/run-day.ts";
import { printTable } from "./report.ts";
import { runPhase, type PhaseResult } from "./run-phase.ts";

const env = loadBenchEnv();
// Relative to where `pnpm bench` was typed (pnpm runs the script in this package's folder).
const outDir = resolve(process.env.INIT_CWD ?? ".", env.BENCH_OUT_DIR);
mkdirSync(join(outDir, "logs"), { recursive: true });
const began = Date.now();
console.log(
  `bench: scenarios ${env.BENCH_SCENARIOS.join(", ")} (load scenarios: ${env.BENCH_PEOPLE} people), seed ${env.BENCH_SEED}, logs in ${outDir}/logs`,
);
const phases: PhaseResult[] = [];
const log = (p: PhaseResult) => {
  phases.push(p);
  console.log(
    `  ${p.scenario} ${p.rate}/s × ${p.seconds} s, ${p.bridgeProcesses} process(es) per bridge: p50 ${p.p50} ms, p99 ${p.p99} ms, missing ${p.missing}, drained in ${p.drainSeconds.toFixed(1)} s`,
  );
  return p;
};

let ceiling: number | null = null;
let day: DayResult | null = null;
let loaded = null as { world: BenchWorld; driver: ChangeDriver } | null;
/** The 10,000-person world of the load scenarios, started when the first of them runs. */
async function loadWorld(): Promise<{ world: BenchWorld; driver: ChangeDriver }> {
  if (loaded) return loaded;
  const startedAt = Date.now();
  const world = await startBenchWorld({
    people: env.BENCH_PEOPLE,
    workerConcurrency: env.BENCH_WORKER_CONCURRENCY,
    pollSeconds: env.BENCH_POLL_SECONDS,
    outDir,
    cpuProfile: env.BENCH_CPU_PROFILE === "1",
    nodeOptions: env.BENCH_NODE_OPTIONS,
  });
  const onboardedAt = Date.now();
  // Everyone's first Teams presence is taken in before any load.
  await world.idle(900_000);
  console.log(
    `  ready: onboarded in ${((onboardedAt - startedAt) / 1000).toFixed(0)} s, baseline taken in ${((Date.now() - onboardedAt) / 1000).toFixed(0)} s`,
  );
  loaded = { world, driver: new ChangeDriver(world, env.BENCH_SEED) };
  return loaded;
}

for (const scenario of env.BENCH_SCENARIOS) {
  if (scenario === "day") {
    // Its own world (fewer people, Slack's limits on): the load scenarios' world is closed first.
    await loaded?.world.close();
    loaded = null;
    day = await runDay(env, outDir);
    printDay(day);
    continue;
  }
  const { world, driver } = await loadWorld();
  if (scenario === "overhead")
    log(await runPhase(world, driver, "overhead", env.BENCH_RATE, env.BENCH_SECONDS));
  if (scenario === "ceiling") {
    ceiling = 0;
    for (const rate of env.BENCH_CEILING_RATES) {
      const p = log(await runPhase(world, driver, "ceiling", rate, env.BENCH_CEILING_SECONDS));
      if (p.missing > 0 || !(p.p99 <= 1_000)) break;
      ceiling = rate;
    }
  }
  if (scenario === "scaleout") {
    // About the same workers per bridge (BENCH_WORKER_CONCURRENCY in one process; a third of it, rounded
    // up, in each of three), in 1 and then 3 processes: what spreading them over processes (and so over
    // cores) buys. A process holds its store pool (DATABASE_POOL_SIZE) and its queue pool (concurrency
    // + 2, LISTEN's connection among them).
    const layouts = [1, 3].map((processes) => {
      const concurrency = Math.ceil(env.BENCH_WORKER_CONCURRENCY / processes);
      const poolSize = processes === 1 ? 10 : Math.max(2, concurrency + 2);
      return { processes, concurrency, poolSize, connections: 2 * processes * (poolSize + concurrency + 2) };
    });
    const needed = Math.max(...layouts.map((l) => l.connections)) + 10;
    const [row] = await world.t.db.$queryRaw<{ usable: number }[]>`
      SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int AS usable`;
    if (Number(row?.usable) < needed) {
      console.log(
        `  scaleout skipped: 3 processes of each bridge need about ${needed} connections, Postgres allows ${row?.usable} (max_connections)`,
      );
      continue;
    }
    for (const { processes, concurrency, poolSize } of layouts) {
      await world.restartWith(
        { WORKER_CONCURRENCY: String(concurrency), DATABASE_POOL_SIZE: String(poolSize) },
        processes,
      );
      console.log(
        `  scaleout: ${processes} process(es) per bridge, ${concurrency} workers and ${poolSize} store connections each`,
      );
      log(await runPhase(world, driver, "scaleout", env.BENCH_SCALEOUT_RATE, env.BENCH_CEILING_SECONDS));
    }
    await world.restartWith(
      { WORKER_CONCURRENCY: String(env.BENCH_WORKER_CONCURRENCY), DATABASE_POOL_SIZE: "10" },
      1,
    );
  }
}

console.log("");
if (phases.length > 0) printTable(phases);
if (day) printDay(day);
const overhead = phases.find((p) => p.scenario === "overhead");
const usage = overhead?.usage ?? [];
const rss = (name: string) => usage.find((u) => u.name === name)?.peakRssMb ?? Number.NaN;
const scale = phases.filter((p) => p.scenario === "scaleout");
const summary = [
  overhead ? `overhead at ${overhead.rate}/s: p50 ${overhead.p50} ms, p99 ${overhead.p99} ms` : null,
  ceiling !== null ? `ceiling ${ceiling} changes/s (p99 ≤ 1 s)` : null,
  scale.length === 2
    ? `scale-out 1 → 3 processes: p99 ${scale[0]?.p99} → ${scale[1]?.p99} ms, ${scale[0]?.mirroredPerSecond} → ${scale[1]?.mirroredPerSecond} mirrored/s`
    : null,
  overhead ? `peak RSS slack-bridge ${rss("slack-bridge")} MB, teams-bridge ${rss("teams-bridge")} MB` : null,
  day
    ? `day: mirror accuracy ${(day.bridge.accuracy.status * 100).toFixed(1)} % (status) = ${(day.ofIdeal.status * 100).toFixed(1)} % of the ideal's, ${day.throttled} 429s after warm-up`
    : null,
].filter(Boolean);
const result = {
  people: env.BENCH_PEOPLE,
  seed: env.BENCH_SEED,
  workerConcurrency: env.BENCH_WORKER_CONCURRENCY,
  pollSeconds: env.BENCH_POLL_SECONDS,
  store: "postgres",
  cores: (await import("node:os")).availableParallelism(),
  ceiling,
  phases,
  day,
  durationSeconds: Math.round((Date.now() - began) / 1000),
};
writeFileSync(join(outDir, "bench.json"), `${JSON.stringify(result, null, 2)}\n`);
console.log(`\nbench: ${summary.join("; ")}`);
await loaded?.world.close();
process.exit(0);
