import { describe, expect, it } from "vitest";

import { defaultSettings, effectivePolicy } from "../policy/policy.ts";
import { defaultRuleSet } from "./default-rules.ts";
import { previewSlackToTeams, previewTeamsToSlack } from "./preview-rules.ts";
import { ZRuleSet } from "./rule-set.ts";

const settings = defaultSettings();
const policy = effectivePolicy(settings, {});
const T0 = Date.UTC(2026, 11, 4, 9, 0, 0);

describe("rule preview", () => {
  it("shows what a Teams meeting becomes on Slack, marker and expiry included", () => {
    const preview = previewTeamsToSlack(
      defaultRuleSet(),
      settings,
      policy,
      { presence: { availability: "Busy", activity: "InAMeeting" }, outOfOffice: { isOutOfOffice: false } },
      {},
      T0,
    );
    expect(preview.ruleId).toBe("in-a-meeting");
    expect(preview.hold.status).toEqual({
      text: "In a meeting (via Teams)",
      emoji: ":spiral_calendar_pad:",
      expiresAt: T0 + 240 * 60_000,
    });
  });

  it("follows an edited draft, not the rules in force", () => {
    const draft = defaultRuleSet();
    const meeting = draft.teamsToSlack.find((rule) => rule.id === "in-a-meeting");
    if (!meeting || typeof meeting.slack.status !== "object") throw new Error("default rule missing");
    meeting.slack.status = { ...meeting.slack.status, text: "Heads down in a meeting", emoji: ":calendar:" };
    const preview = previewTeamsToSlack(
      ZRuleSet.parse(draft),
      settings,
      policy,
      { presence: { availability: "Busy", activity: "InAMeeting" } },
      {},
      T0,
    );
    expect(preview.hold.status?.text).toBe("Heads down in a meeting (via Teams)");
  });

  it("keeps the person's own Slack status when the policy respects manual statuses", () => {
    const preview = previewTeamsToSlack(
      defaultRuleSet(),
      settings,
      policy,
      { presence: { availability: "Busy", activity: "InAMeeting" } },
      { status: { text: "Lunch", emoji: ":sandwich:", expiresAt: null } },
      T0,
    );
    expect(preview.hold.status).toBeUndefined();
    expect(preview.manualKept).toEqual(["status"]);
  });

  it("shows what a Slack huddle becomes in Teams (a setPresence pair)", () => {
    const preview = previewSlackToTeams(
      defaultRuleSet(),
      settings,
      policy,
      { huddle: { inHuddle: true } },
      {},
      T0,
    );
    expect(preview.kind).toBe("huddle");
    expect(preview.hold.session).toMatchObject({ availability: "Busy", activity: "InACall" });
  });
});
