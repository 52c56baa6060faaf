/**
 * One rate-limit budget: at most `allowance` admitted calls in any sliding window of `windowMs`. The
 * admission rule is the Slack emulator's SlidingWindow (packages/slack-emulator/src/rate-limits/
 * sliding-window.ts): a call at `t` is admitted if fewer than `allowance` admitted calls lie in
 * (t − windowMs, t]; when refused, it fits again at (the allowance-th most recent call) + windowMs.
 * Only the last `allowance` calls matter, so they are kept in a ring. Times must not decrease.
 */
export class SlidingLog {
  readonly #ring: number[] = [];
  #next = 0;

  constructor(
    readonly allowance: number,
    readonly windowMs: number,
  ) {
    if (!Number.isInteger(allowance) || allowance < 1) throw new Error(`allowance must be ≥ 1: ${allowance}`);
  }

  /** The earliest time ≥ `t` at which a call is admitted. */
  nextFree(t: number): number {
    if (this.#ring.length < this.allowance) return t;
    // The ring is full: the slot about to be overwritten holds the allowance-th most recent call.
    const oldest = this.#ring[this.#next] ?? -Infinity;
    return Math.max(t, oldest + this.windowMs);
  }

  record(t: number): void {
    if (this.#ring.length < this.allowance) this.#ring.push(t);
    else this.#ring[this.#next] = t;
    this.#next = (this.#next + 1) % this.allowance;
  }
}
