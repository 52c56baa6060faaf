import { describe, expect, it } from "vitest";
import { DistinctWindow, SlidingWindow } from "./sliding-window.ts";

describe("SlidingWindow", () => {
  it("admits `limit` hits per window and says when the oldest one leaves", () => {
    const window = new SlidingWindow(60_000);
    for (const at of [0, 10_000, 20_000]) {
      expect(window.waitMs("k", 3, at)).toBe(0);
      window.record("k", at);
    }
    expect(window.waitMs("k", 3, 30_000)).toBe(30_000);
    expect(window.waitMs("k", 3, 60_001)).toBe(0);
    expect(window.waitMs("other", 3, 30_000)).toBe(0);
  });
});

describe("DistinctWindow", () => {
  it("counts different subjects, always admitting one already counted", () => {
    const window = new DistinctWindow(60_000);
    window.record("token", "U1", 0);
    window.record("token", "U2", 5_000);
    expect(window.waitMs("token", "U3", 2, 10_000)).toBe(50_000);
    expect(window.waitMs("token", "U1", 2, 10_000)).toBe(0);
    window.record("token", "U1", 20_000);
    // U2 (last seen at 5 s) is the first to leave.
    expect(window.waitMs("token", "U3", 2, 30_000)).toBe(35_000);
  });
});
