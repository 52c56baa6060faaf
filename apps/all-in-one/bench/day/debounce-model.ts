// The offline model of debouncing Slack writes (zero latency, the day scenario's trace and limits):
// `pnpm --filter @presence/all-in-one exec tsx bench/day/debounce-model.ts` (BENCH_DAY_PEOPLE,
// BENCH_DAY_WORKSPACE, BENCH_DAY_WINDOW_MINUTES, BENCH_SEED as in `pnpm bench`). Each row schedules
// the writes from what a debouncing scheduler sees (debounce.ts) and scores what Slack would then have
// shown against what it should have shown. docs/performance.md, "Debouncing blips".
import { defaultRuleSet } from "@presence/core";
import { dayTraceFrame, personDay } from "@presence/core/testing";

import { debouncedDay } from "./debounce.ts";
import { bridgeOrder } from "./estimated-order.ts";
import { expectedTimeline, type FacetTimelines } from "./expected-slack.ts";
import { idealSchedule, type FacetOrders, type WriteOrder } from "./ideal-scheduler.ts";
import { mirrorAccuracy } from "./mirror-accuracy.ts";
import { dayLimits } from "./run-day.ts";

const people = Number(process.env.BENCH_DAY_PEOPLE ?? 500);
const workspace = Number(process.env.BENCH_DAY_WORKSPACE ?? 10_000);
const windowMinutes = Number(process.env.BENCH_DAY_WINDOW_MINUTES ?? 2);
const seed = Number(process.env.BENCH_SEED ?? 1);

const frame = dayTraceFrame({ people, seed });
const days = Array.from({ length: people }, (_, i) => personDay(frame.options, i));
const rules = defaultRuleSet();
const expected = days.map((day) => expectedTimeline(day, rules));
const limits = dayLimits(Math.min(1, people / workspace), windowMinutes);
const day = { start: frame.start, end: frame.end };
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

function row(name: string, seen: readonly FacetTimelines[], order: WriteOrder | FacetOrders): void {
  const schedule = idealSchedule(seen, day, limits, order);
  const a = mirrorAccuracy(
    expected.map((e, i) => ({ expected: e, shown: schedule.shown[i] as FacetTimelines })),
    day.start,
    day.end,
  );
  const calls = Object.entries(schedule.calls)
    .map(([method, n]) => `${method} ${n}`)
    .join(", ");
  console.log(
    `${name.padEnd(34)} status ${pct(a.status)}, DND ${pct(a.dnd)}, away ${pct(a.away)}, all ${pct(a.all)}; ${calls}`,
  );
}

console.log(`${people} people of ${workspace}, seed ${seed}, ${windowMinutes}-minute windows (zero latency)`);
row("ideal (clairvoyant)", expected, "longest-remaining");
const ranked = bridgeOrder(days, expected, { withCalendars: false, trace: frame.options });
for (const seconds of [0, 15, 30, 60, 120, 300]) {
  const seen = seconds === 0 ? expected : debouncedDay(expected, seconds * 1000);
  row(`first come, debounce ${seconds} s`, seen, "oldest-pending");
  row(`bridge's order, debounce ${seconds} s`, seen, ranked);
}
