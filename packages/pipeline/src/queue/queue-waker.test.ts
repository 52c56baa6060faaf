import { describe, expect, it } from "vitest";

import { QueueWaker } from "./queue-waker.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("QueueWaker", () => {
  it("nudges every attached pool just after the time asked for, and again 250 ms later", async () => {
    const waker = new QueueWaker();
    const nudged: number[] = [];
    const started = Date.now();
    waker.attach({ nudge: () => nudged.push(Date.now() - started) });
    waker.attach({ nudge: () => nudged.push(Date.now() - started) });
    waker.wakeAt(started + 60);
    await sleep(30);
    expect(nudged).toEqual([]);
    await sleep(100);
    expect(nudged).toHaveLength(2);
    expect(Math.min(...nudged)).toBeGreaterThanOrEqual(60);
    await sleep(300);
    expect(nudged).toHaveLength(4);
    expect(Math.min(...nudged.slice(2))).toBeGreaterThanOrEqual(310);
    expect(waker.pending).toBe(0);
  });

  it("shares timers among times in the same 10 ms slot, and wakes at once for a time already past", async () => {
    const waker = new QueueWaker();
    let nudges = 0;
    waker.attach({ nudge: () => (nudges += 1) });
    const at = Math.ceil((Date.now() + 50) / 10) * 10;
    waker.wakeAt(at + 1);
    waker.wakeAt(at + 5);
    waker.wakeAt(at + 10);
    expect(waker.pending).toBe(2);
    waker.wakeAt(Date.now() - 1_000);
    expect(waker.pending).toBe(3);
    await sleep(120);
    expect(nudges).toBe(2);
    waker.stop();
  });

  it("nudges no pool once detached or stopped, and drops a pool that refuses", async () => {
    const waker = new QueueWaker();
    let nudges = 0;
    const pool = { nudge: () => (nudges += 1) };
    waker.attach(pool);
    waker.detach(pool);
    waker.wakeAt(Date.now());
    await sleep(40);
    expect(nudges).toBe(0);
    waker.attach(pool);
    waker.attach({
      nudge: () => {
        throw new Error("shutting down");
      },
    });
    waker.wakeAt(Date.now());
    await sleep(40);
    expect(nudges).toBe(1);
    waker.wakeAt(Date.now() + 20);
    waker.stop();
    await sleep(60);
    expect(nudges).toBe(1);
    expect(waker.pending).toBe(0);
  });
});
