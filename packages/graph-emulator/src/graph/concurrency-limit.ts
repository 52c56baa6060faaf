/**
 * Requests in flight per key (Outlook: "up to four concurrent requests" per app per mailbox, Graph throttling
 * limits). `enter` answers a release function, or undefined when the key is at its limit.
 */
export class ConcurrencyLimit {
  readonly #active = new Map<string, number>();

  constructor(private readonly max: number) {}

  enter(key: string): (() => void) | undefined {
    const active = this.#active.get(key) ?? 0;
    if (active >= this.max) return undefined;
    this.#active.set(key, active + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#active.get(key) ?? 1) - 1;
      if (left <= 0) this.#active.delete(key);
      else this.#active.set(key, left);
    };
  }

  active(key: string): number {
    return this.#active.get(key) ?? 0;
  }
}
