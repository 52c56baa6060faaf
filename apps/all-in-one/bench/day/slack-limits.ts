/** The Slack methods that mirror a Teams state (one facet each; DND has one method per direction). */
export const SLACK_WRITE_METHODS = [
  "users.profile.set",
  "dnd.setSnooze",
  "dnd.endSnooze",
  "users.setPresence",
] as const;
export type SlackWriteMethod = (typeof SLACK_WRITE_METHODS)[number];

/**
 * Slack's limits on those methods, in trace ms. Every allowance is per `windowMs` (sliding) for the whole
 * workspace; `users.profile.set` also allows at most `statusPerPersonAllowance` updates of one person per
 * `windowMs` (Slack: 10 a minute).
 */
export interface SlackLimits {
  windowMs: number;
  allowance: Record<SlackWriteMethod, number>;
  statusPerPersonAllowance: number;
}

/**
 * Slack's real limits, as the Slack emulator enforces them (packages/slack-emulator/src/rate-limits/
 * tiers.ts): Tier 3 (50 a minute) for users.profile.set, Tier 2 (20 a minute) for the others. The
 * emulator's third rule (one token sets at most 30 different profiles a minute) does not bind: each
 * person's own token sets only their own profile.
 */
export const SLACK_LIMITS: SlackLimits = {
  windowMs: 60_000,
  allowance: {
    "users.profile.set": 50,
    "dnd.setSnooze": 20,
    "dnd.endSnooze": 20,
    "users.setPresence": 20,
  },
  statusPerPersonAllowance: 10,
};

export function noCalls(): Record<SlackWriteMethod, number> {
  return { "users.profile.set": 0, "dnd.setSnooze": 0, "dnd.endSnooze": 0, "users.setPresence": 0 };
}
