import { describe, expect, it } from "vitest";

import { slackBudgetRules } from "./slack-budget-rules.ts";

describe("slackBudgetRules", () => {
  const profileSet = {
    method: "users.profile.set",
    teamId: "T1",
    profile: { tokenOwner: "slack:T1:U1", targetUserId: "U1" },
  };

  it("scales the documented allowances: the tier per workspace, the profile rules per person and token", () => {
    expect(slackBudgetRules(profileSet, 2).map((rule) => [rule.key, rule.limit])).toEqual([
      ["method:T1:users.profile.set", 100],
      ["profile-person:slack:T1:U1:U1", 20],
      ["profile-token:slack:T1:U1", 60],
    ]);
  });

  it("takes a method's workspace budget from SLACK_METHOD_RATE_LIMITS, leaving the profile rules scaled", () => {
    const rules = slackBudgetRules(profileSet, 2, { "users.profile.set": 7, "dnd.setSnooze": 3 });
    expect(rules.map((rule) => rule.limit)).toEqual([7, 20, 60]);
    expect(
      slackBudgetRules({ method: "users.setPresence", teamId: "T1" }, 2, { "dnd.setSnooze": 3 }),
    ).toEqual([{ key: "method:T1:users.setPresence", limit: 40 }]);
  });
});
