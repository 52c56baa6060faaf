import { describe, expect, it } from "vitest";

import { dueThisMinute, readWindow, slotOf } from "./schedule-window.ts";

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe("when the Outlook spoke reads whom", () => {
  it("reads from the start of the hour to the look-ahead: the window moves once an hour", () => {
    const now = Date.UTC(2026, 11, 7, 10, 42, 17);
    expect(readWindow(now, 24 * HOUR)).toEqual({
      from: Date.UTC(2026, 11, 7, 10),
      until: Date.UTC(2026, 11, 8, 11),
    });
    expect(readWindow(now + 10 * MINUTE, 24 * HOUR)).toEqual(readWindow(now, 24 * HOUR));
  });

  it("reads everyone exactly once per interval, spread evenly over its minutes", () => {
    const people = Array.from(
      { length: 3000 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    );
    const start = Date.UTC(2026, 11, 7, 10, 0);
    const seen = new Map<string, number>();
    const perMinute: number[] = [];
    for (let minute = 0; minute < 15; minute += 1) {
      const due = dueThisMinute(people, start + minute * MINUTE + 30_000, 15 * MINUTE);
      perMinute.push(due.length);
      for (const id of due) seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    expect(seen.size).toBe(people.length);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(Math.min(...perMinute)).toBeGreaterThan(150);
    expect(Math.max(...perMinute)).toBeLessThan(250);
    expect(slotOf(people[0] ?? "", 15)).toBe(slotOf(people[0] ?? "", 15));
  });
});
