import type { TraceHuddle } from "@presence/core/testing";

import { percentile } from "../latency.ts";
import { correctMs, staleness } from "./mirror-accuracy.ts";
import { appendSegment, type Segment, type Timeline } from "./timeline.ts";

/*
 * The Slack → Teams side of the day: each person's Slack huddles, against what Teams showed of them
 * (the bridge's presence session, sampled from the Graph emulator). Trace times throughout.
 */

/** "In a huddle" over the day: false from `origin`, true during each huddle. */
export function huddleTimeline(huddles: readonly TraceHuddle[], origin: number): Segment<boolean>[] {
  const timeline: Segment<boolean>[] = [{ from: origin, value: false }];
  for (const { start, end } of huddles) {
    if (end <= origin) continue;
    appendSegment(timeline, Math.max(start, origin), true);
    appendSegment(timeline, end, false);
  }
  return timeline;
}

export interface HuddleFigures {
  /** People with at least one huddle, their huddles, and the huddles' person-minutes. */
  people: number;
  huddles: number;
  huddleMinutes: number;
  /** Share of huddle person-time during which Teams showed the huddle. */
  shownDuring: number;
  /** Person-minutes Teams showed a huddle outside one (late to clear, or never asked for). */
  shownOutsideMinutes: number;
  /**
   * Trace seconds from joining (leaving) a huddle until Teams showed it (stopped showing it); the end of a
   * huddle Teams never showed is not counted.
   */
  startP50: number;
  startP99: number;
  endP50: number;
  endP99: number;
  /** Huddles (or their ends) Teams never showed while they lasted. */
  neverShown: number;
}

export interface HuddleMirror {
  huddles: readonly TraceHuddle[];
  /** Whether Teams showed the person in a huddle (from `from` on at least). */
  shown: Timeline<boolean>;
}

/** How well Teams showed everyone's huddles in [from, to). */
export function huddleFigures(people: readonly HuddleMirror[], from: number, to: number): HuddleFigures {
  let huddleMs = 0;
  let shownDuringMs = 0;
  let outsideMs = 0;
  let huddles = 0;
  let neverShown = 0;
  const starts: number[] = [];
  const ends: number[] = [];
  for (const { huddles: list, shown } of people) {
    const expected = huddleTimeline(list, from);
    let during = 0;
    let correctDuring = 0;
    for (const { start, end } of list) {
      const s = Math.max(start, from);
      const e = Math.min(end, to);
      if (e <= s) continue;
      huddles += 1;
      during += e - s;
      correctDuring += correctMs([[expected, shown]], s, e);
    }
    const correct = correctMs([[expected, shown]], from, to);
    huddleMs += during;
    shownDuringMs += correctDuring;
    outsideMs += to - from - during - (correct - correctDuring);
    const stale = staleness(expected, shown, from, to);
    neverShown += stale.neverShown.length;
    // Expected segments alternate true (a huddle starts) and false (it ends), from the first huddle on.
    // An end whose start Teams never showed is not a clearing (nothing was shown to clear): left out.
    let e = 0;
    let startShown = false;
    for (const segment of expected.slice(1)) {
      if (segment.from >= to) break;
      const wasShown = !stale.neverShown.some((n) => n.at === segment.from);
      if (!wasShown) {
        startShown = false;
        continue;
      }
      const delay = stale.delays[e++] ?? 0;
      if (segment.value) starts.push(delay);
      else if (startShown) ends.push(delay);
      startShown = segment.value;
    }
  }
  const seconds = (values: number[], p: number) => Math.round(percentile(values, p) / 1000);
  return {
    people: people.filter((p) => p.huddles.length > 0).length,
    huddles,
    huddleMinutes: Math.round(huddleMs / 60_000),
    shownDuring: huddleMs > 0 ? shownDuringMs / huddleMs : Number.NaN,
    shownOutsideMinutes: Math.round(outsideMs / 60_000),
    startP50: seconds(starts, 50),
    startP99: seconds(starts, 99),
    endP50: seconds(ends, 50),
    endP99: seconds(ends, 99),
    neverShown,
  };
}
