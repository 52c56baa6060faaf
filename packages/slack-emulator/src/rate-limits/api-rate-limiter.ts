import type { EmulatorClock } from "../clock.ts";
import { DistinctWindow, SlidingWindow } from "./sliding-window.ts";
import { METHOD_LIMITS, PROFILES_PER_TOKEN, PROFILE_UPDATES_PER_PERSON } from "./tiers.ts";

export interface RateLimitSettings {
  /** Length of a rate-limit window (Slack: 60,000 ms). */
  windowMs: number;
  /** Scales every allowance: allowance per window = per-minute allowance × multiplier (at least 1). */
  multiplier: number;
  /** Per-method allowance per window, replacing the tier (after no multiplier). */
  overrides: Record<string, number>;
  /** Set false to switch rate limiting off entirely. */
  enabled: boolean;
}

export interface RateLimitedCall {
  method: string;
  appId: string;
  /** The workspace (or org) whose budget is shared by every token of the app. */
  scopeId: string;
  /** `users.profile.set` only: the authorization behind the token and the person whose profile changes. */
  profile?: { grantId: string; targetUserId: string };
}

export type RateLimitRule = "tier" | "profile_per_person" | "profiles_per_token";

export interface RateLimitVerdict {
  rule: RateLimitRule;
  retryAfterSeconds: number;
}

/** Web API rate limits: tier buckets per (app, workspace, method) plus the `users.profile.set` rules. */
export class ApiRateLimiter {
  readonly #tier: SlidingWindow;
  readonly #perPerson: SlidingWindow;
  readonly #perToken: DistinctWindow;
  readonly #rejected = new Map<string, number>();

  #settings: RateLimitSettings;

  constructor(
    private readonly clock: EmulatorClock,
    settings: RateLimitSettings,
  ) {
    this.#settings = { ...settings, overrides: { ...settings.overrides } };
    this.#tier = new SlidingWindow(settings.windowMs);
    this.#perPerson = new SlidingWindow(settings.windowMs);
    this.#perToken = new DistinctWindow(settings.windowMs);
  }

  get settings(): Readonly<RateLimitSettings> {
    return this.#settings;
  }

  /**
   * Changes the limits from now on (the window's length is fixed at start): e.g. switched on after a
   * setup phase. Calls already admitted stay counted in their windows.
   */
  configure(change: Partial<Omit<RateLimitSettings, "windowMs">>): Readonly<RateLimitSettings> {
    this.#settings = {
      ...this.#settings,
      ...change,
      overrides: { ...(change.overrides ?? this.#settings.overrides) },
    };
    return this.#settings;
  }

  allowance(method: string): number {
    const override = this.#settings.overrides[method];
    if (override !== undefined) return override;
    return this.#scaled(METHOD_LIMITS[method]?.perMinute ?? 100);
  }

  #scaled(perMinute: number): number {
    return Math.max(1, Math.floor(perMinute * this.#settings.multiplier));
  }

  /** Admits the call (counting it) or says which rule refuses it and for how long. */
  admit(call: RateLimitedCall): RateLimitVerdict | null {
    if (!this.#settings.enabled) return null;
    const now = this.clock.nowMs();
    const tierKey = `${call.appId}:${call.scopeId}:${call.method}`;
    const checks: [RateLimitRule, number][] = [
      ["tier", this.#tier.waitMs(tierKey, this.allowance(call.method), now)],
    ];
    if (call.profile) {
      const { grantId, targetUserId } = call.profile;
      checks.push([
        "profile_per_person",
        this.#perPerson.waitMs(`${grantId}:${targetUserId}`, this.#scaled(PROFILE_UPDATES_PER_PERSON), now),
      ]);
      checks.push([
        "profiles_per_token",
        this.#perToken.waitMs(grantId, targetUserId, this.#scaled(PROFILES_PER_TOKEN), now),
      ]);
    }
    const refused = checks.filter(([, wait]) => wait > 0).sort((a, b) => b[1] - a[1])[0];
    if (refused) {
      this.#rejected.set(call.method, (this.#rejected.get(call.method) ?? 0) + 1);
      return { rule: refused[0], retryAfterSeconds: Math.max(1, Math.ceil(refused[1] / 1000)) };
    }
    this.#tier.record(tierKey, now);
    if (call.profile) {
      this.#perPerson.record(`${call.profile.grantId}:${call.profile.targetUserId}`, now);
      this.#perToken.record(call.profile.grantId, call.profile.targetUserId, now);
    }
    return null;
  }

  /** How many calls were answered with 429 (for one method, or in total). */
  rejectedCount(method?: string): number {
    if (method !== undefined) return this.#rejected.get(method) ?? 0;
    let total = 0;
    for (const count of this.#rejected.values()) total += count;
    return total;
  }
}
