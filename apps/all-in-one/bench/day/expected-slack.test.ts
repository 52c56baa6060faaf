import { defaultRuleSet, type RuleSet, type TeamsToSlackRule } from "@presence/core";
import type { PersonDay, TracePresence } from "@presence/core/testing";
import { describe, expect, it } from "vitest";

import { applyRule, expectedTimeline, NOTHING_SHOWN, statusKey } from "./expected-slack.ts";

type Entry = [at: number, availability: string, activity: string, outOfOffice?: boolean];

/** A person whose day is just the given Teams presence (the fields the timeline does not read left empty). */
function person(entries: Entry[]): PersonDay {
  const presence = entries.map(
    ([at, availability, activity, outOfOffice = false]) =>
      ({ at, presence: { availability, activity }, outOfOffice }) as TracePresence,
  );
  return {
    index: 0,
    id: "person-000000",
    profile: "regular",
    workStart: null,
    workEnd: null,
    blocks: [],
    automaticReplies: null,
    presence,
    meetings: [],
    readTimes: [],
    huddles: [],
  };
}

const MEETING = statusKey(":spiral_calendar_pad:", "In a meeting");
const PRESENTING = statusKey(":desktop_computer:", "Presenting");
const OOF = statusKey(":palm_tree:", "Out of office");

describe("expected Slack state", () => {
  it("maps a day through the default rules, one timeline per facet, equal values merged", () => {
    const expected = expectedTimeline(
      person([
        [0, "Offline", "Offline"],
        [100, "Available", "Available"],
        [150, "AvailableIdle", "Available"], // same rule: no change on any facet
        [200, "Busy", "InAMeeting"],
        [300, "DoNotDisturb", "Presenting"],
        [400, "Busy", "InAMeeting"],
        [500, "Away", "Away"],
        [600, "PresenceUnknown", "PresenceUnknown"], // fallback: keeps everything
        [700, "Available", "Available"],
        [800, "Available", "Available", true], // out of office wins over available
      ]),
      defaultRuleSet(),
    );
    expect(expected.status).toEqual([
      { from: 0, value: "" },
      { from: 200, value: MEETING },
      { from: 300, value: PRESENTING },
      { from: 400, value: MEETING },
      { from: 500, value: "" },
      { from: 800, value: OOF },
    ]);
    expect(expected.dnd).toEqual([
      { from: 0, value: false },
      { from: 300, value: true },
      { from: 400, value: false },
    ]);
    expect(expected.away).toEqual([
      { from: 0, value: true },
      { from: 100, value: false },
      { from: 500, value: true },
      { from: 700, value: false },
      { from: 800, value: true },
    ]);
  });

  it("starts from nothing shown, so a first state that keeps shows nothing", () => {
    const expected = expectedTimeline(person([[5, "PresenceUnknown", "PresenceUnknown"]]), defaultRuleSet());
    expect(expected).toEqual({
      status: [{ from: 5, value: "" }],
      dnd: [{ from: 5, value: false }],
      away: [{ from: 5, value: false }],
    });
  });

  it("'keep' keeps each facet's previous value on its own; no matching rule keeps all", () => {
    const previous = { status: "x", dnd: true, away: true };
    const rule = (slack: TeamsToSlackRule["slack"]): TeamsToSlackRule => ({
      id: "r",
      description: "",
      when: {},
      slack,
    });
    expect(applyRule(rule({ status: "keep", dnd: "off", presence: "auto" }), previous)).toEqual({
      status: "x",
      dnd: false,
      away: false,
    });
    expect(applyRule(rule({ status: "clear", dnd: "keep", presence: "keep" }), previous)).toEqual({
      status: "",
      dnd: true,
      away: true,
    });
    expect(
      applyRule(
        rule({
          status: { text: "Busy", emoji: ":red_circle:", expiresInMinutes: 5 },
          dnd: { minutes: 30 },
          presence: "away",
        }),
        NOTHING_SHOWN,
      ),
    ).toEqual({ status: ":red_circle: Busy", dnd: true, away: true });
    expect(applyRule(undefined, previous)).toBe(previous);

    // In a rule set: a meeting that keeps DND and presence carries them over from the state before.
    const defaults = defaultRuleSet();
    const rules: RuleSet = {
      ...defaults,
      teamsToSlack: defaults.teamsToSlack.map((r) =>
        r.id === "in-a-meeting" ? { ...r, slack: { ...r.slack, dnd: "keep", presence: "keep" } } : r,
      ),
    };
    const expected = expectedTimeline(
      person([
        [0, "DoNotDisturb", "DoNotDisturb"],
        [10, "Busy", "InAMeeting"],
        [20, "Away", "Away"],
        [30, "Busy", "InAMeeting"],
      ]),
      rules,
    );
    expect(expected.dnd).toEqual([
      { from: 0, value: true },
      { from: 20, value: false },
    ]);
    expect(expected.away).toEqual([
      { from: 0, value: false },
      { from: 20, value: true },
    ]);
    // No rule at all matches: everything is kept.
    const none = expectedTimeline(
      person([
        [0, "Busy", "InACall"],
        [10, "Away", "Away"],
      ]),
      {
        ...defaults,
        teamsToSlack: defaults.teamsToSlack.filter((r) => r.id !== "away" && r.id !== "fallback"),
      },
    );
    expect(none.status).toEqual([{ from: 0, value: ":telephone_receiver: In a call" }]);
  });
});
