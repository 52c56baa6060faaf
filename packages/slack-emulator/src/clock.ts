/**
 * Slack's notion of "now" inside the emulator. Token expiry, status expiration, snoozes and rate-limit
 * windows read it; `advance` lets a test jump hours ahead in an instant. Transport timestamps (request
 * signing) use the real wall clock, because the receiver checks them against its own clock.
 */
export class EmulatorClock {
  #offsetMs = 0;

  nowMs(): number {
    return Date.now() + this.#offsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("the clock only moves forward");
    this.#offsetMs += ms;
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }
}
