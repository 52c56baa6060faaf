/**
 * Slack's Web API rate-limit tiers (per method, per workspace, per app; shared by every token of the app
 * in that workspace). Tier 1 ≈ 1+/min, Tier 2 ≈ 20+/min, Tier 3 ≈ 50+/min, Tier 4 ≈ 100+/min.
 */
export const TIER_PER_MINUTE = { 1: 1, 2: 20, 3: 50, 4: 100 } as const;
export type Tier = keyof typeof TIER_PER_MINUTE;

export interface MethodLimit {
  tier: Tier | "special";
  perMinute: number;
}

const tier = (t: Tier): MethodLimit => ({ tier: t, perMinute: TIER_PER_MINUTE[t] });

/** Per-method limits (reference/slack-api.md §1 table; [JAVA] and docs.slack.dev). */
export const METHOD_LIMITS: Record<string, MethodLimit> = {
  "users.profile.set": tier(3),
  "users.profile.get": tier(4),
  "users.setPresence": tier(2),
  "users.getPresence": tier(3),
  "dnd.setSnooze": tier(2),
  "dnd.endSnooze": tier(2),
  "dnd.info": tier(3),
  "users.lookupByEmail": tier(3),
  "users.list": tier(2),
  "users.info": tier(4),
  // "Special: hundreds per minute"; @slack/web-api's own table uses 600.
  "auth.test": { tier: "special", perMinute: 600 },
  "auth.revoke": tier(3),
  "oauth.v2.access": tier(4),
  // docs.slack.dev: openid.connect.token Tier 4, openid.connect.userInfo Tier 3.
  "openid.connect.token": tier(4),
  "openid.connect.userInfo": tier(3),
  // Tier 1 in Slack's Java SDK table, t3 on docs.slack.dev; the current docs win (a reconnect must not stall).
  "apps.connections.open": tier(3),
  "views.publish": tier(4),
  // "Special: 1 per second per channel, short bursts allowed."
  "chat.postMessage": { tier: "special", perMinute: 60 },
};

/** `users.profile.set`: per token, ≤ 10 updates of one person and ≤ 30 different people per minute. */
export const PROFILE_UPDATES_PER_PERSON = 10;
export const PROFILES_PER_TOKEN = 30;
/** Events API: 30,000 deliveries per workspace per app per hour. */
export const EVENTS_PER_HOUR = 30_000;
