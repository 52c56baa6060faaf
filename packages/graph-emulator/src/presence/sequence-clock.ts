/**
 * Presence `sequenceNumber`: "the lexicographically sortable String stamp that represents the version of a presence
 * object" (reference §1.1). The emulator uses microseconds since the epoch, zero-padded to a fixed width, made strictly
 * increasing across all users, so string order equals change order.
 */
export class SequenceClock {
  #last = 0;

  next(nowMs: number = Date.now()): string {
    this.#last = Math.max(this.#last + 1, nowMs * 1000);
    return String(this.#last).padStart(20, "0");
  }
}
