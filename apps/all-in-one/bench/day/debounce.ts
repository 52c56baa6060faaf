import type { FacetTimelines } from "./expected-slack.ts";
import { appendSegment, segmentEnd, type Segment, type Timeline } from "./timeline.ts";

/**
 * What a scheduler that debounces sees: each change only once it has lasted `delayMs`, and a state that
 * ends sooner (a blip) never. The first segment stands as it is. Scored against the real timeline, a
 * schedule made from this one shows what debouncing costs (every change mirrored `delayMs` late) and buys
 * (no call spent on a blip, nor on undoing it).
 */
export function debounced<V>(timeline: Timeline<V>, delayMs: number): Segment<V>[] {
  const out: Segment<V>[] = [];
  timeline.forEach((segment, i) => {
    if (i === 0) {
      out.push({ ...segment });
      return;
    }
    if (segmentEnd(timeline, i) - segment.from < delayMs) return;
    appendSegment(out, segment.from + delayMs, segment.value);
  });
  return out;
}

/** Every facet of every person, debounced by `delayMs`. */
export function debouncedDay(expected: readonly FacetTimelines[], delayMs: number): FacetTimelines[] {
  return expected.map((person) => ({
    status: debounced(person.status, delayMs),
    dnd: debounced(person.dnd, delayMs),
    away: debounced(person.away, delayMs),
  }));
}
