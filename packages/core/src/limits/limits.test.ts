import { describe, expect, it } from "vitest";

import { ZRuleSet } from "../rules/rule-set.ts";
import { defaultRuleSet } from "../rules/default-rules.ts";
import {
  clampSessionMinutes,
  fitTeamsStatusMessage,
  isPreferredPresencePair,
  isSetPresencePair,
  SET_PRESENCE_PAIRS,
  toIsoDuration,
} from "./graph-limits.ts";
import {
  fitSlackStatusText,
  hasSlackMarker,
  SLACK_STATUS_TEXT_MAX,
  stripSlackMarker,
} from "./slack-limits.ts";

const MARKER = " (via Teams)";

describe("Slack status text limit (100 characters including the marker)", () => {
  it("keeps short text whole", () => {
    expect(fitSlackStatusText("In a meeting", MARKER)).toBe("In a meeting (via Teams)");
  });
  it.each([88, 89, 100, 250])("shortens %i characters to fit, keeping the marker", (length) => {
    const fitted = fitSlackStatusText("x".repeat(length), MARKER);
    expect([...fitted].length).toBeLessThanOrEqual(SLACK_STATUS_TEXT_MAX);
    expect(hasSlackMarker(fitted, MARKER)).toBe(true);
    if (length + MARKER.length > SLACK_STATUS_TEXT_MAX) expect(fitted).toContain("…");
    else expect(stripSlackMarker(fitted, MARKER)).toBe("x".repeat(length));
  });
  it("counts emoji as one character each (code points)", () => {
    const fitted = fitSlackStatusText("🎉".repeat(120), MARKER);
    expect([...fitted].length).toBe(SLACK_STATUS_TEXT_MAX);
  });
  it("an empty marker means nothing is recognised as the bridge's", () => {
    expect(hasSlackMarker("anything", "")).toBe(false);
  });
  it("rejects a rule whose status text is over 100 characters", () => {
    const rules = structuredClone(defaultRuleSet());
    const first = rules.teamsToSlack[0];
    if (!first || typeof first.slack.status !== "object") throw new Error("fixture");
    first.slack.status.text = "y".repeat(101);
    expect(ZRuleSet.safeParse(rules).success).toBe(false);
  });
});

describe("Graph setPresence pairs", () => {
  it.each([
    ["Available", "Available", true],
    ["Busy", "InACall", true],
    ["Busy", "InAConferenceCall", true],
    ["Away", "Away", true],
    ["DoNotDisturb", "Presenting", true],
    ["Busy", "Busy", false],
    ["DoNotDisturb", "DoNotDisturb", false],
    ["Busy", "InAMeeting", false],
    ["Offline", "OutOfOffice", false],
    ["BeRightBack", "BeRightBack", false],
  ] as const)("%s/%s settable = %s", (availability, activity, ok) => {
    expect(isSetPresencePair({ availability, activity })).toBe(ok);
  });
  it("preferred presence has its own six pairs", () => {
    expect(isPreferredPresencePair({ availability: "DoNotDisturb", activity: "DoNotDisturb" })).toBe(true);
    expect(isPreferredPresencePair({ availability: "Offline", activity: "OffWork" })).toBe(true);
    expect(isPreferredPresencePair({ availability: "DoNotDisturb", activity: "Presenting" })).toBe(false);
  });
  it("rules may only name settable pairs", () => {
    const rules = structuredClone(defaultRuleSet());
    const rule = rules.slackToTeams[0];
    if (!rule) throw new Error("fixture");
    rule.teams.presence = { availability: "Busy", activity: "Busy", keepAlive: false };
    const result = ZRuleSet.safeParse(rules);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain("setPresence accepts only");
    expect(SET_PRESENCE_PAIRS).toHaveLength(5);
  });
  it("session expiry stays within PT5M–PT4H and is written as ISO 8601", () => {
    expect(clampSessionMinutes(1)).toBe(5);
    expect(clampSessionMinutes(600)).toBe(240);
    expect(toIsoDuration(5)).toBe("PT5M");
    expect(toIsoDuration(60)).toBe("PT1H");
    expect(toIsoDuration(90)).toBe("PT1H30M");
    expect(toIsoDuration(240)).toBe("PT4H");
  });
  it("Teams status messages are shortened to 280 characters with the marker kept", () => {
    const fitted = fitTeamsStatusMessage("z".repeat(400), " (via Slack)");
    expect([...fitted].length).toBe(280);
    expect(fitted.endsWith(" (via Slack)")).toBe(true);
  });
});
