import { describe, expect, it } from "vitest";

import { debounced } from "./debounce.ts";

const seg = <V>(...pairs: [number, V][]) => pairs.map(([from, value]) => ({ from, value }));

describe("debounced", () => {
  it("shows each change once it has lasted the delay, and drops a state shorter than the delay", () => {
    const timeline = seg<string>([0, ""], [100, "away"], [130, ""], [500, "meeting"], [900, ""]);
    // The 30 ms away blip never shows; the meeting shows 50 ms late; so does its end.
    expect(debounced(timeline, 50)).toEqual(seg([0, ""], [550, "meeting"], [950, ""]));
    expect(debounced(timeline, 0)).toEqual(timeline);
  });

  it("merges what a dropped blip leaves equal, and keeps the first segment as it is", () => {
    const timeline = seg<boolean>([0, true], [10, false], [12, true], [40, false]);
    expect(debounced(timeline, 5)).toEqual(seg([0, true], [45, false]));
  });

  it("keeps a last segment of any length (it lasts until the day ends)", () => {
    expect(debounced(seg<boolean>([0, false], [100, true]), 1_000)).toEqual(seg([0, false], [1_100, true]));
  });
});
