import { describe, expect, it } from "vitest";

import type { TeamsView } from "../model/facets.ts";
import { defaultSettings, effectivePolicy } from "../policy/policy.ts";
import { defaultRuleSet } from "../rules/default-rules.ts";
import { ZRuleSet } from "../rules/rule-set.ts";
import { MemoryBridge } from "../testing/memory-bridge.ts";
import { replayDecisions, ZRecordedDecision, type RecordedDecision } from "./replay-decisions.ts";

const T0 = Date.UTC(2026, 11, 4, 9, 0, 0);
const MIN = 60_000;
const settings = defaultSettings();
const teams = (availability: string, activity: string): TeamsView =>
  ({ presence: { availability, activity }, outOfOffice: { isOutOfOffice: false } }) as TeamsView;

/** A morning of one person under the rules in force, as the audit trail records it. */
function recordedMorning(): RecordedDecision[] {
  const bridge = new MemoryBridge({ rules: defaultRuleSet() });
  const changes = [teams("Busy", "InAMeeting"), teams("Available", "Available"), teams("Busy", "InACall")];
  changes.forEach((view, i) => {
    bridge.observe(
      {
        side: "teams",
        facets: view,
        version: String(i + 1).padStart(12, "0"),
        observedAt: T0 + i * 30 * MIN,
      },
      T0 + i * 30 * MIN,
    );
    bridge.write("slack", T0 + i * 30 * MIN + 1000, () => undefined);
  });
  return bridge.events
    .filter((e) => ["mirrored", "no_change", "manual_kept"].includes(e.kind) && e.side !== null)
    .map((e) => ZRecordedDecision.parse({ linkId: "link-1", at: e.at, to: e.side, detail: e.detail }));
}

describe("replaying recorded decisions under draft rules", () => {
  it("the rules in force replay to the same holds: nothing differs", () => {
    const decisions = recordedMorning();
    expect(decisions.length).toBeGreaterThanOrEqual(3);
    const outcome = replayDecisions(decisions, {
      draft: defaultRuleSet(),
      settings,
      policyOf: () => effectivePolicy(settings, {}),
    });
    expect(outcome.differing).toBe(0);
    expect(outcome.draftWrites).toBe(outcome.activeWrites);
    expect(outcome.people).toBe(1);
  });

  it("a draft that ignores calls shows the call decision differing and one write fewer", () => {
    const draft = defaultRuleSet();
    const call = draft.teamsToSlack.find((rule) => rule.id === "in-a-call");
    if (!call) throw new Error("default rule missing");
    call.slack = { status: "keep", dnd: "keep", presence: "keep" };
    const outcome = replayDecisions(recordedMorning(), {
      draft: ZRuleSet.parse(draft),
      settings,
      policyOf: () => effectivePolicy(settings, {}),
    });
    expect(outcome.differing).toBe(1);
    expect(outcome.differences[0]).toMatchObject({
      to: "slack",
      activeRule: "in-a-call",
      draftRule: "in-a-call",
    });
    expect(outcome.differences[0]?.active).toMatchObject({ status: { text: "In a call (via Teams)" } });
    expect(outcome.differences[0]?.draft).toEqual({});
    expect(outcome.draftWrites).toBe(outcome.activeWrites - 1);
  });
});
