import { parseEnv } from "@presence/config";
import { z } from "zod";

const list = (values: string) =>
  z
    .string()
    .default(values)
    .transform((text) =>
      text
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    );

/** The benchmark's settings (docs/performance.md); anything invalid is refused by name. */
export const ZBenchEnv = z.object({
  /** Linked people: half change in Teams only, half in Slack only. */
  BENCH_PEOPLE: z.coerce.number().int().min(20).max(50_000).default(10_000),
  /** Which scenarios run, in order. */
  BENCH_SCENARIOS: list("overhead,ceiling,scaleout,day").pipe(
    z.array(z.enum(["overhead", "ceiling", "scaleout", "day"])).min(1),
  ),
  /** Overhead: source changes per second (both ways together) and for how long. */
  BENCH_RATE: z.coerce.number().positive().max(5_000).default(50),
  BENCH_SECONDS: z.coerce.number().int().min(5).max(3_600).default(60),
  /** Ceiling: the rates tried, in order, each for BENCH_CEILING_SECONDS, until p99 passes 1 s. */
  BENCH_CEILING_RATES: list("10,20,35,50,100,200,400,700,1000")
    .transform((rates) => rates.map(Number))
    .pipe(z.array(z.number().positive().max(20_000)).min(1)),
  BENCH_CEILING_SECONDS: z.coerce.number().int().min(5).max(600).default(20),
  /** Scale-out: the rate both runs get (1 bridge process per side, then 3). */
  BENCH_SCALEOUT_RATE: z.coerce.number().positive().max(20_000).default(20),
  /**
   * Day: people replaying the synthetic working day (a sample of a BENCH_DAY_WORKSPACE-person
   * workspace: they get that share of the workspace's Slack limits), BENCH_DAY_SPEEDUP times faster,
   * with Slack's rate-limit window of BENCH_DAY_WINDOW_MINUTES trace minutes.
   */
  BENCH_DAY_PEOPLE: z.coerce.number().int().min(20).max(50_000).default(500),
  BENCH_DAY_WORKSPACE: z.coerce.number().int().min(20).max(1_000_000).default(10_000),
  BENCH_DAY_SPEEDUP: z.coerce.number().min(1).max(600).default(60),
  BENCH_DAY_WINDOW_MINUTES: z.coerce.number().int().min(1).max(60).default(2),
  /** Trace minutes replayed before 08:00 (not scored: the bridge settles after the limits come on). */
  BENCH_DAY_WARMUP_MINUTES: z.coerce.number().int().min(0).max(240).default(30),
  /** Jobs each bridge process runs at once (WORKER_CONCURRENCY). */
  BENCH_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  /** How often the Teams bridge polls Graph. */
  BENCH_POLL_SECONDS: z.coerce.number().int().min(1).max(60).default(1),
  /** 1: each bridge process writes a V8 CPU profile (`<BENCH_OUT_DIR>/profiles/*.cpuprofile`) when it stops. */
  BENCH_CPU_PROFILE: z.enum(["0", "1"]).default("0"),
  /** NODE_OPTIONS of the bridge processes, to try V8's memory flags (docs/performance.md, "Memory"). */
  BENCH_NODE_OPTIONS: z.string().default(""),
  /** Seed of the random choices: a run can be repeated. */
  BENCH_SEED: z.coerce.number().int().min(0).default(1),
  /** Where the JSON results and the processes' logs go. */
  BENCH_OUT_DIR: z.string().min(1).default("bench-results"),
});
export type BenchEnv = z.infer<typeof ZBenchEnv>;

export function loadBenchEnv(env: NodeJS.ProcessEnv = process.env): BenchEnv {
  return parseEnv(ZBenchEnv, env);
}
