import { SLACK_FACET_NAMES, type FacetTimelines, type SlackFacetName } from "./expected-slack.ts";
import { appendSegment, segmentEnd, segmentIndexAt, type Segment, type Timeline } from "./timeline.ts";

/*
 * How well a shown timeline (the ideal scheduler's, or the real bridge's sampled from the Slack
 * emulator) mirrors the expected one. Exact integrals over piecewise-constant timelines; an instant at
 * which either timeline has no value yet counts as wrong.
 */

/** How many ms of [from, to) `shown` equals `expected` at once on every pair. */
export function correctMs(
  pairs: readonly (readonly [Timeline<unknown>, Timeline<unknown>])[],
  from: number,
  to: number,
): number {
  if (to <= from) return 0;
  const timelines = pairs.flat();
  // Every instant in [from, to) at which some timeline changes, in order.
  const cuts = [from];
  for (const timeline of timelines)
    for (const { from: at } of timeline) if (at > from && at < to) cuts.push(at);
  cuts.sort((a, b) => a - b);
  cuts.push(to);
  const index = timelines.map((timeline) => segmentIndexAt(timeline, from));
  let correct = 0;
  for (let c = 0; c + 1 < cuts.length; c++) {
    const at = cuts[c] as number;
    const until = cuts[c + 1] as number;
    if (until === at) continue;
    let allEqual = true;
    for (let i = 0; i < pairs.length; i++) {
      const e = segmentAt(timelines, index, 2 * i, at);
      const s = segmentAt(timelines, index, 2 * i + 1, at);
      if (e === undefined || s === undefined || e.value !== s.value) allEqual = false;
    }
    if (allEqual) correct += until - at;
  }
  return correct;
}

/** The segment of timeline `i` holding at `at`, moving its cursor forward (calls come in time order). */
function segmentAt(
  timelines: readonly Timeline<unknown>[],
  index: number[],
  i: number,
  at: number,
): Segment<unknown> | undefined {
  const timeline = timelines[i] ?? [];
  let k = index[i] ?? -1;
  while (segmentEnd(timeline, k) <= at) k++;
  index[i] = k;
  return timeline[k];
}

/** The share of [from, to) in which `shown` equals `expected` (one person, one facet; NaN if empty). */
export function accuracy<V>(expected: Timeline<V>, shown: Timeline<V>, from: number, to: number): number {
  return to > from ? correctMs([[expected, shown]], from, to) / (to - from) : NaN;
}

export interface PersonMirror {
  expected: FacetTimelines;
  shown: FacetTimelines;
}

/** Correct person-ms / person-ms over everyone, per facet and for "all three facets right at once" (NaN if none). */
export type MirrorAccuracy = Record<SlackFacetName | "all", number>;

export function mirrorAccuracy(people: readonly PersonMirror[], from: number, to: number): MirrorAccuracy {
  const correct: MirrorAccuracy = { status: 0, dnd: 0, away: 0, all: 0 };
  for (const { expected, shown } of people) {
    for (const facet of SLACK_FACET_NAMES)
      correct[facet] += correctMs([[expected[facet], shown[facet]]], from, to);
    correct.all += correctMs(
      SLACK_FACET_NAMES.map((facet) => [expected[facet], shown[facet]] as const),
      from,
      to,
    );
  }
  const total = people.length * Math.max(0, to - from);
  const share = (ms: number) => (total > 0 ? ms / total : NaN);
  return {
    status: share(correct.status),
    dnd: share(correct.dnd),
    away: share(correct.away),
    all: share(correct.all),
  };
}

export interface Staleness {
  /** Expected changes in (from, to): segments that start after `from`. */
  changes: number;
  /** For each change that was shown within its segment: ms from the change until Slack first showed it. */
  delays: number[];
  /** Changes never shown within their segment (cut at `to`): when they started and how long they lasted. */
  neverShown: { at: number; durationMs: number }[];
}

/**
 * For every expected segment starting in (from, to): how long until `shown` first equals its value within
 * the segment (cut at `to`). Segments never shown are listed apart, and are not among the delays.
 */
export function staleness<V>(expected: Timeline<V>, shown: Timeline<V>, from: number, to: number): Staleness {
  const result: Staleness = { changes: 0, delays: [], neverShown: [] };
  let k = Math.max(0, segmentIndexAt(shown, from));
  for (let e = segmentIndexAt(expected, from) + 1; e < expected.length; e++) {
    const segment = expected[e] as Segment<V>;
    if (segment.from >= to) break;
    const until = Math.min(segmentEnd(expected, e), to);
    result.changes += 1;
    // The shown segment holding at the change, then each later one starting within the segment.
    while (segmentEnd(shown, k) <= segment.from) k++;
    let seenAt: number | null = null;
    for (let j = k; j < shown.length && (shown[j] as Segment<V>).from < until; j++) {
      const candidate = shown[j] as Segment<V>;
      if (candidate.value === segment.value && segmentEnd(shown, j) > segment.from) {
        seenAt = Math.max(candidate.from, segment.from);
        break;
      }
    }
    if (seenAt === null) result.neverShown.push({ at: segment.from, durationMs: until - segment.from });
    else result.delays.push(seenAt - segment.from);
  }
  return result;
}

/** A timeline from periodic samples (each value holds until the next sample), equal values merged. */
export function timelineFromSamples<V>(samples: readonly { at: number; value: V }[]): Segment<V>[] {
  const timeline: Segment<V>[] = [];
  for (const { at, value } of samples) appendSegment(timeline, at, value);
  return timeline;
}
