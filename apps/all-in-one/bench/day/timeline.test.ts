import { describe, expect, it } from "vitest";

import { appendSegment, segmentEnd, segmentIndexAt, valueAt, type Segment } from "./timeline.ts";

describe("timeline", () => {
  it("appends changes, merges equal values and replaces a segment starting at the same instant", () => {
    const timeline: Segment<string>[] = [];
    appendSegment(timeline, 0, "");
    appendSegment(timeline, 5, "");
    appendSegment(timeline, 10, "a");
    appendSegment(timeline, 20, "b");
    appendSegment(timeline, 20, "c");
    expect(timeline).toEqual([
      { from: 0, value: "" },
      { from: 10, value: "a" },
      { from: 20, value: "c" },
    ]);
    // Replaced by the value before it: merged away.
    appendSegment(timeline, 20, "a");
    expect(timeline).toEqual([
      { from: 0, value: "" },
      { from: 10, value: "a" },
    ]);
    expect(() => appendSegment(timeline, 5, "x")).toThrow(/before the last segment/);
  });

  it("finds the segment at an instant", () => {
    const timeline = [
      { from: 10, value: "a" },
      { from: 20, value: "b" },
    ];
    expect(segmentIndexAt(timeline, 9)).toBe(-1);
    expect(valueAt(timeline, 9)).toBeUndefined();
    expect(valueAt(timeline, 10)).toBe("a");
    expect(valueAt(timeline, 19.5)).toBe("a");
    expect(valueAt(timeline, 20)).toBe("b");
    expect(valueAt(timeline, 1e12)).toBe("b");
    expect(segmentEnd(timeline, -1)).toBe(10);
    expect(segmentEnd(timeline, 0)).toBe(20);
    expect(segmentEnd(timeline, 1)).toBe(Infinity);
  });
});
