import { describe, expect, it } from "vitest";

import { huddleFigures, huddleTimeline } from "./huddle-mirror.ts";

const S = 1_000;
const MIN = 60 * S;
const seg = (...pairs: [number, boolean][]) => pairs.map(([from, value]) => ({ from, value }));

describe("huddleTimeline", () => {
  it("is false from the origin and true during each huddle", () => {
    expect(
      huddleTimeline(
        [
          { start: 10 * MIN, end: 20 * MIN },
          { start: 30 * MIN, end: 35 * MIN },
        ],
        0,
      ),
    ).toEqual(seg([0, false], [10 * MIN, true], [20 * MIN, false], [30 * MIN, true], [35 * MIN, false]));
    expect(huddleTimeline([], 5)).toEqual(seg([5, false]));
  });
});

describe("huddleFigures", () => {
  const day = { from: 0, to: 60 * MIN };

  it("measures the share of huddle time Teams showed, what it showed outside, and how late", () => {
    const huddles = [
      { start: 10 * MIN, end: 20 * MIN },
      { start: 40 * MIN, end: 45 * MIN },
    ];
    // Shown 30 s late and cleared 90 s late; the second huddle 6 s late, cleared on time.
    const shown = seg(
      [0, false],
      [10 * MIN + 30 * S, true],
      [21 * MIN + 30 * S, false],
      [40 * MIN + 6 * S, true],
      [45 * MIN, false],
    );
    const f = huddleFigures([{ huddles, shown }], day.from, day.to);
    expect(f.people).toBe(1);
    expect(f.huddles).toBe(2);
    expect(f.huddleMinutes).toBe(15);
    expect(f.shownDuring).toBeCloseTo((15 * MIN - 36 * S) / (15 * MIN), 10);
    // 1.5 minutes shown after the first huddle ended.
    expect(f.shownOutsideMinutes).toBe(2);
    expect(f.neverShown).toBe(0);
    expect(f.startP99).toBe(30);
    expect(f.startP50).toBeGreaterThanOrEqual(6);
    expect(f.startP50).toBeLessThanOrEqual(30);
    expect(f.endP99).toBe(90);
    expect(f.endP50).toBeLessThanOrEqual(90);
  });

  it("counts a huddle Teams never showed, and people without huddles add nothing", () => {
    const huddles = [{ start: 10 * MIN, end: 12 * MIN }];
    const f = huddleFigures(
      [
        { huddles, shown: seg([0, false]) },
        { huddles: [], shown: seg([0, false]) },
      ],
      day.from,
      day.to,
    );
    expect(f.people).toBe(1);
    expect(f.shownDuring).toBe(0);
    expect(f.shownOutsideMinutes).toBe(0);
    // The start was never shown; its end ("not in a huddle") holds at once but clears nothing: not counted.
    expect(f.neverShown).toBe(1);
    expect(f.endP99).toBeNaN();
  });

  it("pairs each delay with its own huddle's start or end when an earlier huddle was never shown", () => {
    const huddles = [
      { start: 10 * MIN, end: 12 * MIN },
      { start: 30 * MIN, end: 40 * MIN },
    ];
    // The first huddle never shows; the second shows 42 s late and clears 17 s late.
    const shown = seg([0, false], [30 * MIN + 42 * S, true], [40 * MIN + 17 * S, false]);
    const f = huddleFigures([{ huddles, shown }], day.from, day.to);
    expect(f.neverShown).toBe(1);
    expect([f.startP50, f.startP99]).toEqual([42, 42]);
    expect([f.endP50, f.endP99]).toEqual([17, 17]);
  });

  it("leaves out a huddle that ended before the day began, and clips one that began before", () => {
    const huddles = [
      { start: -20 * MIN, end: -10 * MIN },
      { start: -5 * MIN, end: 5 * MIN },
    ];
    const f = huddleFigures([{ huddles, shown: seg([0, true], [5 * MIN, false]) }], day.from, day.to);
    expect(f.huddles).toBe(1);
    expect(f.huddleMinutes).toBe(5);
    expect(f.shownDuring).toBe(1);
  });

  it("counts a huddle shown to someone who was in none", () => {
    const f = huddleFigures(
      [
        {
          huddles: [{ start: 50 * MIN, end: 51 * MIN }],
          shown: seg([0, false], [5 * MIN, true], [8 * MIN, false]),
        },
      ],
      day.from,
      day.to,
    );
    expect(f.shownOutsideMinutes).toBe(3);
    expect(f.shownDuring).toBe(0);
  });
});
