/**
 * A sliding-window log: at most `limit` hits per key within any `windowMs`. `waitMs` says how long until
 * the next hit would fit, which is what `Retry-After` reports.
 */
export class SlidingWindow {
  readonly #hits = new Map<string, number[]>();

  constructor(readonly windowMs: number) {}

  #live(key: string, now: number): number[] {
    const hits = (this.#hits.get(key) ?? []).filter((at) => at > now - this.windowMs);
    this.#hits.set(key, hits);
    return hits;
  }

  waitMs(key: string, limit: number, now: number): number {
    const hits = this.#live(key, now);
    if (hits.length < limit) return 0;
    const freeing = hits[hits.length - limit] ?? now;
    return Math.max(1, freeing + this.windowMs - now);
  }

  record(key: string, now: number): void {
    this.#live(key, now).push(now);
  }

  count(key: string, now: number): number {
    return this.#live(key, now).length;
  }
}

/**
 * Distinct subjects per key within a window (e.g. the different profiles a token updated in a minute).
 * A subject already counted in the window is always admitted.
 */
export class DistinctWindow {
  readonly #last = new Map<string, Map<string, number>>();

  constructor(readonly windowMs: number) {}

  #live(key: string, now: number): Map<string, number> {
    const subjects = this.#last.get(key) ?? new Map<string, number>();
    for (const [subject, at] of subjects) if (at <= now - this.windowMs) subjects.delete(subject);
    this.#last.set(key, subjects);
    return subjects;
  }

  waitMs(key: string, subject: string, limit: number, now: number): number {
    const subjects = this.#live(key, now);
    if (subjects.has(subject) || subjects.size < limit) return 0;
    const earliest = Math.min(...subjects.values());
    return Math.max(1, earliest + this.windowMs - now);
  }

  record(key: string, subject: string, now: number): void {
    this.#live(key, now).set(subject, now);
  }
}
