import { describe, expect, it } from "vitest";

import { budgetedIntervals, dueReads, nextReadAt, readCost } from "./read-schedule.ts";

const timing = { pollIntervalMs: 15_000, reconcileIntervalMs: 30_000, readBudgetPer30s: 600 };

describe("read schedule", () => {
  it("counts one request per 650 people per read", () => {
    expect(readCost(0, 1000)).toBe(0);
    expect(readCost(650, 30_000)).toBe(1);
    expect(readCost(651, 30_000)).toBe(2);
    expect(readCost(2000, 15_000)).toBe(8);
  });

  it("keeps the configured intervals inside the budget, and lengthens them in proportion beyond it", () => {
    expect(budgetedIntervals(timing, 10_000, 0)).toEqual({
      pollMs: 15_000,
      reconcileMs: 30_000,
      requestsPer30s: 32,
      stretched: false,
    });
    // 100,000 people polled every second would cost 4,620 requests per 30 s.
    const tight = budgetedIntervals({ ...timing, pollIntervalMs: 1000 }, 100_000, 0);
    expect(tight.stretched).toBe(true);
    expect(readCost(100_000, tight.pollMs)).toBeLessThanOrEqual(600);
  });

  it("knows which reads are due and when to run next", () => {
    const intervals = budgetedIntervals(timing, 10, 10);
    expect(dueReads({}, 1000, intervals)).toEqual({ poll: true, reconcile: true });
    expect(dueReads({ lastPollAt: 0, lastReconcileAt: 0 }, 20_000, intervals)).toEqual({
      poll: true,
      reconcile: false,
    });
    expect(nextReadAt({ lastPollAt: 20_000, lastReconcileAt: 0 }, 20_000, intervals, true)).toBe(30_000);
    expect(nextReadAt({ lastPollAt: 20_000, lastReconcileAt: 0 }, 20_000, intervals, false)).toBe(35_000);
  });
});
