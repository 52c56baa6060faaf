// Scenario 3 of `pnpm bench` (docs/performance.md): a synthetic working day replayed K times faster
// through the real bridges under Slack's limits (scaled to the replay), scored against what Slack
// should have shown and against an offline ideal scheduler under the same limits.
import { defaultRuleSet } from "@presence/core";
import { dayTraceFrame, personDay } from "@presence/core/testing";

import type { BenchEnv } from "../bench-env.ts";
import { startBenchWorld } from "../bench-world.ts";
import { GraphLogTap, percentile } from "../latency.ts";
import { UsageMeter, type ProcessUsage } from "../process-stats.ts";
import { expectedTimeline, SLACK_FACET_NAMES, type FacetTimelines } from "./expected-slack.ts";
import { bridgeOrder } from "./estimated-order.ts";
import { huddleFigures, type HuddleFigures } from "./huddle-mirror.ts";
import { HuddleWatch } from "./huddle-watch.ts";
import { idealSchedule, type FacetOrders, type WriteOrder } from "./ideal-scheduler.ts";
import { mirrorAccuracy, staleness, type MirrorAccuracy } from "./mirror-accuracy.ts";
import {
  applyBaseline,
  replayDay,
  SlackDayPlayer,
  TeamsDayPlayer,
  toReal,
  type DayClock,
} from "./replay-day.ts";
import { readSlackNow, shownTimelines } from "./slack-shown.ts";
import {
  SLACK_LIMITS,
  SLACK_WRITE_METHODS,
  type SlackLimits,
  type SlackWriteMethod,
} from "./slack-limits.ts";

const MINUTE = 60_000;

const GRAPH_WRITES = ["setPresence", "clearPresence", "setStatusMessage"] as const;
type GraphWrite = (typeof GRAPH_WRITES)[number];

/** What the default rules show in Teams for a Slack huddle (the bridge's presence session). */
function huddlePresence(): { availability: string; activity: string } {
  const rule = defaultRuleSet().slackToTeams.find((r) => r.id === "huddle");
  const presence = rule?.teams.presence;
  if (!presence || typeof presence === "string")
    throw new Error("the default rules show no presence for a huddle");
  return presence;
}

export interface DayFigures {
  accuracy: MirrorAccuracy;
  /** Trace seconds from a change of what Slack should show until it showed it. */
  stalenessP50: number;
  stalenessP99: number;
  changes: number;
  neverShown: number;
  calls: Record<SlackWriteMethod, number>;
}

export interface DayResult {
  people: number;
  workspace: number;
  speedup: number;
  /** The limits both the emulator and the ideal scheduler used, per trace window. */
  limits: SlackLimits;
  traceChanges: number;
  replayWorstLateMs: number;
  bridge: DayFigures;
  ideal: DayFigures;
  /**
   * The same zero-latency scheduler without clairvoyance, in other orders: first come first served, and the
   * bridge's own ranking of status writes by their expected end (from Teams alone, and with calendars).
   */
  orders: { fifo: DayFigures; bridgeOrder: DayFigures; bridgeOrderWithCalendars: DayFigures };
  /** The bridge's accuracy as a share of the ideal's (status facet, and all facets at once). */
  ofIdeal: { status: number; all: number };
  /**
   * Slack → Teams: the people's Slack huddles against what Teams showed of them (the bridge's presence
   * session). The ideal shows every huddle at once (Graph's limits do not bind at this volume), so
   * `shownDuring` is also the share of the ideal's.
   */
  teams: HuddleFigures & {
    huddleChanges: number;
    writes: Record<GraphWrite, number>;
    throttled: number;
  };
  /** 429 answers after the warm-up (trace 08:00 on), and during it. */
  throttled: number;
  throttledWarmup: number;
  usage: ProcessUsage[];
}

/** Slack's per-method limits for `share` of a workspace, per window of `windowMinutes` (at least 1 call). */
export function dayLimits(share: number, windowMinutes: number): SlackLimits {
  const allowance = Object.fromEntries(
    SLACK_WRITE_METHODS.map((method) => [
      method,
      Math.max(
        1,
        Math.round((SLACK_LIMITS.allowance[method] * windowMinutes * share * MINUTE) / SLACK_LIMITS.windowMs),
      ),
    ]),
  ) as Record<SlackWriteMethod, number>;
  return {
    windowMs: windowMinutes * MINUTE,
    allowance,
    statusPerPersonAllowance: SLACK_LIMITS.statusPerPersonAllowance * windowMinutes,
  };
}

function figures(
  expected: readonly FacetTimelines[],
  shown: readonly FacetTimelines[],
  from: number,
  to: number,
  calls: Record<SlackWriteMethod, number>,
): DayFigures {
  const delays: number[] = [];
  let changes = 0;
  let neverShown = 0;
  for (let i = 0; i < expected.length; i++) {
    for (const facet of SLACK_FACET_NAMES) {
      const e = expected[i]?.[facet];
      const s = shown[i]?.[facet];
      if (!e || !s) continue;
      const result = staleness<unknown>(e, s, from, to);
      changes += result.changes;
      neverShown += result.neverShown.length;
      delays.push(...result.delays);
    }
  }
  return {
    accuracy: mirrorAccuracy(
      expected.map((e, i) => ({ expected: e, shown: shown[i] as FacetTimelines })),
      from,
      to,
    ),
    stalenessP50: Math.round(percentile(delays, 50) / 1000),
    stalenessP99: Math.round(percentile(delays, 99) / 1000),
    changes,
    neverShown,
    calls,
  };
}

export async function runDay(env: BenchEnv, outDir: string): Promise<DayResult> {
  const people = env.BENCH_DAY_PEOPLE;
  const speedup = env.BENCH_DAY_SPEEDUP;
  const share = Math.min(1, people / env.BENCH_DAY_WORKSPACE);
  const limits = dayLimits(share, env.BENCH_DAY_WINDOW_MINUTES);
  const windowMsReal = Math.round(limits.windowMs / speedup);
  const frame = dayTraceFrame({ people, seed: env.BENCH_SEED });
  const traceOrigin = frame.start - env.BENCH_DAY_WARMUP_MINUTES * MINUTE;
  console.log(
    `  day: ${people} people of a ${env.BENCH_DAY_WORKSPACE}-person workspace, ${speedup}× faster (${((frame.end - traceOrigin) / speedup / 1000).toFixed(0)} s), ` +
      `Slack allows per ${env.BENCH_DAY_WINDOW_MINUTES} trace min (${windowMsReal} ms): ${SLACK_WRITE_METHODS.map((m) => `${m} ${limits.allowance[m]}`).join(", ")}`,
  );
  const world = await startBenchWorld({
    people,
    workerConcurrency: env.BENCH_WORKER_CONCURRENCY,
    pollSeconds: 1,
    outDir,
    cpuProfile: env.BENCH_CPU_PROFILE === "1",
    nodeOptions: env.BENCH_NODE_OPTIONS,
    slackRateLimits: {
      windowMs: windowMsReal,
      // Per-person and per-token rules: the real ones, per (compressed) window.
      multiplier: env.BENCH_DAY_WINDOW_MINUTES,
      overrides: limits.allowance,
    },
  });
  try {
    await world.idle(900_000);
    // The state before the replay, mirrored with the limits lifted (as if the bridge had run all night).
    const player = new TeamsDayPlayer(world);
    const slackPlayer = new SlackDayPlayer(world);
    player.reset(world.people);
    const days = world.people.map((person) => ({ person, day: personDay(frame.options, person.index) }));
    const replayed = applyBaseline(player, days, traceOrigin);
    await world.idle(900_000);
    // Limits on, in the emulator and in the bridges' own budgets.
    world.slack.control.setRateLimits({ enabled: true });
    await world.restartWith({
      SLACK_RATE_LIMIT_WINDOW_MS: String(windowMsReal),
      SLACK_RATE_LIMIT_SCALE: String(env.BENCH_DAY_WINDOW_MINUTES),
      SLACK_METHOD_RATE_LIMITS: SLACK_WRITE_METHODS.map((m) => `${m}=${limits.allowance[m]}`).join(","),
    });
    const initial = world.people.map((person) => ({ person, initial: readSlackNow(world, person) }));
    world.slack.control.clearCalls();
    const meter = new UsageMeter(() => ({
      "slack-bridge": world.pools.slack.map((r) => r.pid).filter((pid): pid is number => pid !== null),
      "teams-bridge": world.pools.teams.map((r) => r.pid).filter((pid): pid is number => pid !== null),
      "emulators + driver": [process.pid],
    }));
    const clock: DayClock = { traceOrigin, realOrigin: Date.now(), speedup };
    const huddlers = replayed.filter((entry) => entry.day.huddles.length > 0);
    const watch = new HuddleWatch(
      world,
      huddlers.map((entry) => entry.person),
      clock,
      huddlePresence(),
    );
    const graphLog = new GraphLogTap(world);
    meter.start();
    watch.start();
    const replay = await replayDay({ teams: player, slack: slackPlayer }, replayed, clock, frame.end);
    const shownHuddles = watch.stop();
    const graphCalls = graphLog.stop().filter((c) => Date.parse(c.at) >= toReal(clock, frame.start));
    const usage = meter.stop();
    const calls = world.slack.control.calls();

    const rules = defaultRuleSet();
    const expected = replayed.map((entry) =>
      expectedTimeline({ ...entry.day, presence: entry.reported }, rules),
    );
    const shownBySlackId = shownTimelines(calls, initial, clock);
    const shown = replayed.map((entry) => shownBySlackId.get(entry.person.slackId) as FacetTimelines);
    const bridgeCalls = Object.fromEntries(
      SLACK_WRITE_METHODS.map((method) => [
        method,
        calls.filter((c) => c.method === method && c.status === 200 && c.at >= toReal(clock, frame.start))
          .length,
      ]),
    ) as Record<SlackWriteMethod, number>;
    const bridge = figures(expected, shown, frame.start, frame.end, bridgeCalls);
    const scheduled = (order: WriteOrder | FacetOrders) => {
      const schedule = idealSchedule(expected, { start: frame.start, end: frame.end }, limits, order);
      return figures(expected, schedule.shown, frame.start, frame.end, schedule.calls);
    };
    const idealFigures = scheduled("longest-remaining");
    const reportedDays = replayed.map((entry) => ({ ...entry.day, presence: entry.reported }));
    const ranked = (withCalendars: boolean) =>
      scheduled(bridgeOrder(reportedDays, expected, { withCalendars, trace: frame.options }));
    const orders = {
      fifo: scheduled("oldest-pending"),
      bridgeOrder: ranked(false),
      bridgeOrderWithCalendars: ranked(true),
    };
    const warmupEnds = toReal(clock, frame.start);
    const teams = {
      ...huddleFigures(
        huddlers.map((entry) => ({
          huddles: entry.day.huddles,
          shown: shownHuddles.get(entry.person.slackId) ?? [],
        })),
        frame.start,
        frame.end,
      ),
      huddleChanges: replay.huddleChanges,
      writes: Object.fromEntries(
        GRAPH_WRITES.map((name) => [
          name,
          graphCalls.filter(
            (c) => c.status < 300 && c.path.toLowerCase().endsWith(`/presence/${name.toLowerCase()}`),
          ).length,
        ]),
      ) as Record<GraphWrite, number>,
      throttled: graphCalls.filter((c) => c.status === 429).length,
    };
    const throttled = calls.filter((c) => c.status === 429);
    return {
      people,
      workspace: env.BENCH_DAY_WORKSPACE,
      speedup,
      limits,
      traceChanges: replay.changes,
      replayWorstLateMs: Math.round(replay.worstLateMs),
      bridge,
      ideal: idealFigures,
      orders,
      teams,
      ofIdeal: {
        status: bridge.accuracy.status / idealFigures.accuracy.status,
        all: bridge.accuracy.all / idealFigures.accuracy.all,
      },
      throttled: throttled.filter((c) => c.at >= warmupEnds).length,
      throttledWarmup: throttled.filter((c) => c.at < warmupEnds).length,
      usage,
    };
  } finally {
    await world.close();
  }
}

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

/** The day's figures as a few lines. */
export function printDay(result: DayResult): void {
  const row = (name: string, f: DayFigures) =>
    `  ${name.padEnd(16)} status ${pct(f.accuracy.status)}, DND ${pct(f.accuracy.dnd)}, away ${pct(f.accuracy.away)}, all ${pct(f.accuracy.all)}; staleness p50 ${f.stalenessP50} s, p99 ${f.stalenessP99} s; never shown ${f.neverShown} of ${f.changes}; calls ${SLACK_WRITE_METHODS.map((m) => `${m} ${f.calls[m]}`).join(", ")}`;
  console.log(
    `\nday (${result.people} people, ${result.speedup}× faster, ${result.traceChanges} Teams changes; trace time):`,
  );
  console.log(row("bridge", result.bridge));
  console.log(row("ideal", result.ideal));
  console.log("  the ideal's scheduler without clairvoyance (zero latency), in other orders:");
  console.log(row("fifo", result.orders.fifo));
  console.log(row("ranked", result.orders.bridgeOrder));
  console.log(row("ranked+calendars", result.orders.bridgeOrderWithCalendars));
  console.log(
    `  bridge/ideal: status ${pct(result.ofIdeal.status)}, all ${pct(result.ofIdeal.all)}; 429s after warm-up ${result.throttled} (warm-up ${result.throttledWarmup}); replay late by ≤ ${result.replayWorstLateMs} ms`,
  );
  const t = result.teams;
  console.log(
    `  Slack → Teams: ${t.huddles} huddles of ${t.people} people (${t.huddleMinutes} person-min): Teams showed ${pct(t.shownDuring)} of huddle time (ideal 100 %), ` +
      `${t.shownOutsideMinutes} person-min outside one; shown after p50 ${t.startP50} s, p99 ${t.startP99} s; cleared after p50 ${t.endP50} s, p99 ${t.endP99} s; ` +
      `never shown ${t.neverShown}; Graph ${GRAPH_WRITES.map((m) => `${m} ${t.writes[m]}`).join(", ")}, 429s ${t.throttled}`,
  );
  for (const u of result.usage) console.log(`  ${u.name}: CPU ${u.cpuPercent} %, peak RSS ${u.peakRssMb} MB`);
}
