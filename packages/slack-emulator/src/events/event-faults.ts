import { setTimeout as sleep } from "node:timers/promises";
import type { DeliveryLog, DeliveryRecord } from "./delivery-log.ts";
import type { Attempt } from "./retry-loop.ts";

interface Held {
  faultId: number;
  start: () => void;
}

/** Deliveries a `reorder` fault holds back until the next event for the same app and workspace has gone out. */
export class HeldDeliveries {
  readonly #held = new Map<string, Held[]>();

  hold(key: string, faultId: number, start: () => void): void {
    this.#held.set(key, [...(this.#held.get(key) ?? []), { faultId, start }]);
  }

  /** Removes and returns the starters of the deliveries waiting for the next event under `key`. */
  takeAll(key: string): (() => void)[] {
    const held = this.#held.get(key) ?? [];
    this.#held.delete(key);
    return held.map((h) => h.start);
  }

  /** Starts the deliveries held by one fault (or by any): its removal ends the wait. */
  release(faultId?: number): number {
    let count = 0;
    for (const [key, held] of this.#held) {
      const going = held.filter((h) => faultId === undefined || h.faultId === faultId);
      const staying = held.filter((h) => !going.includes(h));
      if (staying.length > 0) this.#held.set(key, staying);
      else this.#held.delete(key);
      for (const h of going) h.start();
      count += going.length;
    }
    return count;
  }
}

/** Wraps an attempt so that `then` runs once the first try has returned (the event reached the app, or not). */
export function afterFirstAttempt(attempt: Attempt, then: () => void): Attempt {
  let first = true;
  return async (retryNum, retryReason) => {
    try {
      return await attempt(retryNum, retryReason);
    } finally {
      if (first) {
        first = false;
        then();
      }
    }
  };
}

/**
 * A `duplicate` fault: a delivered event is sent once more with the same `event_id` and the next retry number,
 * as Slack does when it missed the ack, after the first retry delay. The extra attempt carries the fault's id.
 */
export async function deliverDuplicate(
  record: DeliveryRecord,
  log: DeliveryLog,
  delayMs: number,
  signal: AbortSignal,
  attempt: Attempt,
  duplicate: { faultId: number; retryReason: string },
): Promise<void> {
  if (record.state !== "delivered") return;
  try {
    await sleep(delayMs, undefined, { signal });
  } catch {
    return;
  }
  const retryNum = record.attempts.length;
  const at = Date.now();
  const result = await attempt(retryNum, duplicate.retryReason);
  record.attempts.push({
    retryNum,
    retryReason: duplicate.retryReason,
    at,
    ...result,
    fault: duplicate.faultId,
  });
  log.changed();
}
