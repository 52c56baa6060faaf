import type { BudgetRule } from "./rate-budgets.ts";

/**
 * Slack's per-method tiers for the methods the bridge calls (per method, per workspace, per app, shared
 * by every token of the app): Tier 2 ≈ 20/min, Tier 3 ≈ 50/min, Tier 4 ≈ 100/min. Sources: Slack's
 * rate-limit docs and the Java SDK's MethodsRateLimits table.
 */
const PER_MINUTE: Record<string, number> = {
  "users.profile.set": 50,
  "users.profile.get": 100,
  "users.info": 100,
  "users.list": 20,
  "users.setPresence": 20,
  "users.getPresence": 50,
  "dnd.setSnooze": 20,
  "dnd.endSnooze": 20,
  "dnd.info": 50,
  "views.publish": 100,
  "auth.revoke": 50,
};

/** `users.profile.set`: "A token may update a single user's profile no more than 10 times per minute." */
const PROFILE_UPDATES_PER_PERSON = 10;
/** "… and a single token may only set 30 user profiles per minute." */
const PROFILES_PER_TOKEN = 30;

export interface SlackCallBudget {
  method: string;
  /** The workspace whose budget the call spends (Slack counts per workspace, for every token). */
  teamId: string;
  /** users.profile.set: whose token (its authorization) and whose profile. */
  profile?: { tokenOwner: string; targetUserId: string };
}

/** The budgets one Slack call spends, with allowances scaled (at least 1 per window). */
export function slackBudgetRules(call: SlackCallBudget, scale: number): BudgetRule[] {
  const allowance = (perMinute: number) => Math.max(1, Math.floor(perMinute * scale));
  const rules: BudgetRule[] = [
    { key: methodBudgetKey(call.method, call.teamId), limit: allowance(PER_MINUTE[call.method] ?? 20) },
  ];
  if (call.profile) {
    const { tokenOwner, targetUserId } = call.profile;
    rules.push({
      key: `profile-person:${tokenOwner}:${targetUserId}`,
      limit: allowance(PROFILE_UPDATES_PER_PERSON),
    });
    rules.push({
      key: `profile-token:${tokenOwner}`,
      limit: allowance(PROFILES_PER_TOKEN),
      subject: targetUserId,
    });
  }
  return rules;
}

/** The budget a real 429 blocks: "wait … before calling the method with any token … from this workspace". */
export function methodBudgetKey(method: string, teamId: string): string {
  return `method:${teamId}:${method}`;
}
