/**
 * A fixed-window request budget per (scope, app); over the limit the answer is 429 with Retry-After = seconds left in
 * the window. Presence: "1,500 requests within a 30-second period, per application per tenant" (reference §2.1, §5),
 * scope = tenant. Outlook: 10,000 requests per 10 minutes per app per mailbox (Graph throttling limits, "Outlook
 * service limits"), scope = mailbox.
 */
export class Throttle {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly settings: { limit: number; windowMs: number }) {}

  /** Counts one request; returns the Retry-After seconds when it is over the limit. */
  hit(scope: string, appId: string, now = Date.now()): number | undefined {
    const key = `${scope}:${appId}`;
    let window = this.#windows.get(key);
    if (!window || now - window.start >= this.settings.windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    if (window.count >= this.settings.limit)
      return Math.max(1, Math.ceil((window.start + this.settings.windowMs - now) / 1000));
    window.count += 1;
    return undefined;
  }
}
