import { describe, expect, it } from "vitest";

import type { FacetTimelines } from "./expected-slack.ts";
import { accuracy, correctMs, mirrorAccuracy, staleness, timelineFromSamples } from "./mirror-accuracy.ts";

const seg = <V>(...pairs: [number, V][]) => pairs.map(([from, value]) => ({ from, value }));

describe("accuracy", () => {
  const expected = seg<string>([0, ""], [100, "m"], [300, ""]);

  it("is the exact share of the interval in which shown equals expected", () => {
    // Shown catches up 20 ms late on the way in and 50 ms late on the way out.
    const shown = seg<string>([0, ""], [120, "m"], [350, ""]);
    expect(correctMs([[expected, shown]], 0, 400)).toBe(400 - 20 - 50);
    expect(accuracy(expected, shown, 0, 400)).toBe(330 / 400);
    // Only part of the day.
    expect(accuracy(expected, shown, 110, 130)).toBe(0.5);
    expect(accuracy(expected, shown, 300, 400)).toBe(0.5);
    expect(accuracy(expected, expected, 0, 400)).toBe(1);
    expect(accuracy(expected, shown, 5, 5)).toBeNaN();
  });

  it("counts time before a timeline starts as wrong", () => {
    expect(accuracy(expected, seg([50, ""]), 0, 100)).toBe(0.5);
    expect(accuracy(seg<string>(), seg<string>(), 0, 100)).toBe(0);
  });

  it("aggregates person-time over people, per facet and for all three facets at once", () => {
    const person = (status: [number, string][], dnd: [number, boolean][], away: [number, boolean][]) =>
      ({ status: seg(...status), dnd: seg(...dnd), away: seg(...away) }) as FacetTimelines;
    const a = person([[0, ""]], [[0, false]], [[0, false]]);
    const result = mirrorAccuracy(
      [
        { expected: a, shown: a },
        {
          expected: person(
            [
              [0, ""],
              [40, "m"],
            ],
            [[0, false]],
            [
              [0, false],
              [60, true],
            ],
          ),
          // Status wrong in [40, 50), away wrong in [60, 80): all three right for 70 of 100 ms.
          shown: person(
            [
              [0, ""],
              [50, "m"],
            ],
            [[0, false]],
            [
              [0, false],
              [80, true],
            ],
          ),
        },
      ],
      0,
      100,
    );
    expect(result).toEqual({ status: 190 / 200, dnd: 1, away: 180 / 200, all: 170 / 200 });
    expect(mirrorAccuracy([], 0, 100).all).toBeNaN();
  });
});

describe("staleness", () => {
  it("measures each change until first shown within its segment; never shown ones apart", () => {
    const expected = seg<string>([0, ""], [100, "a"], [200, "b"], [210, "c"], [400, ""], [500, "d"]);
    const shown = seg<string>([0, ""], [130, "a"], [215, "c"], [400, ""], [590, "d"]);
    expect(staleness(expected, shown, 0, 600)).toEqual({
      changes: 5,
      delays: [30, 5, 0, 90],
      neverShown: [{ at: 200, durationMs: 10 }],
    });
    // Only changes after `from`; a segment still open at `to` is cut there.
    expect(staleness(expected, shown, 100, 550)).toEqual({
      changes: 4,
      delays: [5, 0],
      neverShown: [
        { at: 200, durationMs: 10 },
        { at: 500, durationMs: 50 },
      ],
    });
  });

  it("finds a value shown before the change (already right: delay 0) and one shown only late in the segment", () => {
    const expected = seg<boolean>([0, false], [100, true], [300, false]);
    const shown = seg<boolean>([0, false], [50, true], [150, false], [250, true], [320, false]);
    expect(staleness(expected, shown, 0, 400)).toEqual({ changes: 2, delays: [0, 20], neverShown: [] });
  });
});

describe("timelineFromSamples", () => {
  it("holds each sample until the next, merging equal values", () => {
    expect(
      timelineFromSamples([
        { at: 0, value: "" },
        { at: 1000, value: "" },
        { at: 2000, value: "m" },
        { at: 3000, value: "m" },
        { at: 4000, value: "" },
      ]),
    ).toEqual(seg([0, ""], [2000, "m"], [4000, ""]));
    expect(timelineFromSamples([])).toEqual([]);
    expect(() =>
      timelineFromSamples([
        { at: 10, value: true },
        { at: 5, value: false },
      ]),
    ).toThrow();
  });
});
