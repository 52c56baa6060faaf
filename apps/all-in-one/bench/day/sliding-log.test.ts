import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { SlidingLog } from "./sliding-log.ts";

/** The Slack emulator's SlidingWindow rule, verbatim: hits with at > now − windowMs count; admit if < limit. */
function emulatorAdmits(hits: number[], limit: number, windowMs: number, now: number): boolean {
  return hits.filter((at) => at > now - windowMs).length < limit;
}

describe("SlidingLog", () => {
  it("frees a slot exactly windowMs after the allowance-th most recent call", () => {
    const log = new SlidingLog(2, 10);
    expect(log.nextFree(0)).toBe(0);
    log.record(1);
    log.record(1);
    expect(log.nextFree(1)).toBe(11);
    expect(log.nextFree(10.5)).toBe(11);
    log.record(11);
    expect(log.nextFree(11)).toBe(11);
    log.record(11);
    expect(log.nextFree(12)).toBe(21);
  });

  it("admits exactly what the Slack emulator admits, and says the first instant it would", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 60 }),
        (limit, windowMs, gaps) => {
          const log = new SlidingLog(limit, windowMs);
          const hits: number[] = [];
          let now = 0;
          for (const gap of gaps) {
            now += gap;
            const admitted = emulatorAdmits(hits, limit, windowMs, now);
            expect(log.nextFree(now) === now).toBe(admitted);
            if (admitted) {
              log.record(now);
              hits.push(now);
            } else {
              const free = log.nextFree(now);
              expect(emulatorAdmits(hits, limit, windowMs, free)).toBe(true);
              expect(emulatorAdmits(hits, limit, windowMs, free - 0.5)).toBe(false);
            }
          }
        },
      ),
    );
  });
});
