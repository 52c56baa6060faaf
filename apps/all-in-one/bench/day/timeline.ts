/**
 * A piecewise-constant timeline: each segment's value holds from its `from` until the next segment's
 * `from` (the last one for ever). Sorted by `from`, strictly increasing, consecutive values different.
 * Before the first segment a timeline has no value. Values are compared with `===`.
 */
export interface Segment<V> {
  from: number;
  value: V;
}
export type Timeline<V> = readonly Segment<V>[];

/**
 * Appends `value` from `at` on, keeping the timeline's shape: a value equal to the last one is dropped, a
 * segment starting at the same instant as the last one replaces it (then merged with the one before if equal).
 */
export function appendSegment<V>(timeline: Segment<V>[], at: number, value: V): void {
  const last = timeline[timeline.length - 1];
  if (last && at < last.from)
    throw new Error(`appendSegment: ${at} is before the last segment (${last.from})`);
  if (last && last.from === at) {
    timeline.pop();
    const before = timeline[timeline.length - 1];
    if (!before || before.value !== value) timeline.push({ from: at, value });
    return;
  }
  if (!last || last.value !== value) timeline.push({ from: at, value });
}

/** The index of the segment holding at `at` (-1 before the first segment). Binary search. */
export function segmentIndexAt<V>(timeline: Timeline<V>, at: number): number {
  let lo = 0;
  let hi = timeline.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((timeline[mid]?.from ?? Infinity) <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The value at `at`, or undefined before the first segment. */
export function valueAt<V>(timeline: Timeline<V>, at: number): V | undefined {
  return timeline[segmentIndexAt(timeline, at)]?.value;
}

/** When segment `index` ends: the next segment's start, or Infinity for the last one. */
export function segmentEnd<V>(timeline: Timeline<V>, index: number): number {
  return timeline[index + 1]?.from ?? Infinity;
}
