import {
  emptySideRecord,
  type SlackHold,
  type SlackView,
  type TeamsHold,
  type TeamsView,
} from "@presence/core";
import { describe, expect, it } from "vitest";

import { mirroredSidesToSave } from "./observe.ts";

const slack = { ...emptySideRecord<SlackView, SlackHold>(), view: { huddle: { inHuddle: false } } };
const teams = emptySideRecord<TeamsView, TeamsHold>();
const stored = { slack, teams };
const observedAt = new Date(1_000);

describe("mirroredSidesToSave", () => {
  it("stores the observed side even when its record is unchanged (its observation time moves)", () => {
    expect(
      mirroredSidesToSave(
        stored,
        { slack: { ...slack }, teams: { ...teams } },
        { side: "teams", observedAt },
      ),
    ).toEqual([{ side: "teams", record: teams, observedAt }]);
  });

  it("stores the other side only when the decision changed it, whatever the order of its keys", () => {
    const hold: SlackHold = { status: { text: "In a meeting", emoji: ":calendar:", expiresAt: null } };
    const changed = { ...slack, hold };
    expect(mirroredSidesToSave(stored, { slack: changed, teams }, { side: "teams", observedAt })).toEqual([
      { side: "slack", record: changed },
      { side: "teams", record: teams, observedAt },
    ]);
    const reordered = {
      attempted: {},
      written: {},
      hold: {},
      versions: {},
      view: { huddle: { inHuddle: false } },
    };
    expect(mirroredSidesToSave(stored, { slack: reordered, teams }, { side: "teams", observedAt })).toEqual([
      { side: "teams", record: teams, observedAt },
    ]);
  });

  it("without an observation (reconsider, Outlook, webhook) stores only what changed", () => {
    expect(mirroredSidesToSave(stored, { slack, teams })).toEqual([]);
    expect(mirroredSidesToSave(stored, { slack, teams }, { side: "outlook", observedAt })).toEqual([]);
    const teamsChanged = { ...teams, hold: { statusMessage: { text: "x", expiresAt: null } } };
    expect(mirroredSidesToSave(stored, { slack, teams: teamsChanged })).toEqual([
      { side: "teams", record: teamsChanged },
    ]);
  });
});
