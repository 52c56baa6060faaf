import {
  SLACK_METHOD_CALLS_PER_MINUTE as PER_MINUTE,
  SLACK_PROFILE_UPDATES_PER_PERSON_PER_MINUTE as PROFILE_UPDATES_PER_PERSON,
  SLACK_PROFILES_PER_TOKEN_PER_MINUTE as PROFILES_PER_TOKEN,
} from "@presence/core";

import type { BudgetRule } from "./rate-budgets.ts";

export interface SlackCallBudget {
  method: string;
  /** The workspace whose budget the call spends (Slack counts per workspace, for every token). */
  teamId: string;
  /** users.profile.set: whose token (its authorization) and whose profile. */
  profile?: { tokenOwner: string; targetUserId: string };
}

/**
 * The budgets one Slack call spends, with allowances scaled (at least 1 per window). A method named in
 * `methodLimits` (SLACK_METHOD_RATE_LIMITS) gets that many calls per window for the workspace instead
 * of its tier × scale.
 */
export function slackBudgetRules(
  call: SlackCallBudget,
  scale: number,
  methodLimits: Readonly<Record<string, number>> = {},
): BudgetRule[] {
  const allowance = (perMinute: number) => Math.max(1, Math.floor(perMinute * scale));
  const rules: BudgetRule[] = [
    {
      key: methodBudgetKey(call.method, call.teamId),
      limit: methodLimits[call.method] ?? allowance(PER_MINUTE[call.method] ?? 20),
    },
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
