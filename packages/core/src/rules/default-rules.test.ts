import { describe, expect, it } from "vitest";

import type { SlackView, TeamsView } from "../model/facets.ts";
import type { SlackHold } from "../model/hold.ts";
import { emptySideRecord } from "../sync/types.ts";
import {
  GRAPH_ACTIVITIES,
  GRAPH_AVAILABILITIES,
  type GraphActivity,
  type GraphAvailability,
} from "../model/vocabulary.ts";
import { defaultSettings, effectivePolicy } from "../policy/policy.ts";
import { ownSlackClassification, ownSlackView } from "../sync/own-state.ts";
import { computeSlackHold } from "../sync/slack-target.ts";
import { computeTeamsHold } from "../sync/teams-target.ts";
import { defaultRuleSet } from "./default-rules.ts";

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);
const MIN = 60_000;
const rules = defaultRuleSet();
const settings = defaultSettings();
const policy = effectivePolicy(settings, {});

function teamsToSlack(availability: GraphAvailability, activity: GraphActivity, isOutOfOffice = false) {
  const teamsOwn: TeamsView = { presence: { availability, activity }, outOfOffice: { isOutOfOffice } };
  const slack = { ...emptySideRecord<SlackView, SlackHold>() };
  const slackOwnView = ownSlackView(slack, settings, new Set());
  const slackOwn = ownSlackClassification(slackOwnView, rules, settings, NOW);
  return computeSlackHold({
    outlook: {},
    teamsOwn,
    slackHold: slack.hold,
    slackOwnView,
    slackOwn,
    policy,
    rules,
    settings,
    now: NOW,
  });
}

describe("default rules, Teams → Slack (every Graph state)", () => {
  it.each`
    availability       | activity                     | oof      | text                           | emoji                         | expiry  | dnd    | away
    ${"DoNotDisturb"}  | ${"Presenting"}              | ${false} | ${"Presenting"}                | ${":desktop_computer:"}       | ${240}  | ${240} | ${false}
    ${"Busy"}          | ${"InACall"}                 | ${false} | ${"In a call"}                 | ${":telephone_receiver:"}     | ${240}  | ${0}   | ${false}
    ${"Busy"}          | ${"InAConferenceCall"}       | ${false} | ${"In a conference call"}      | ${":telephone_receiver:"}     | ${240}  | ${0}   | ${false}
    ${"Busy"}          | ${"InAMeeting"}              | ${false} | ${"In a meeting"}              | ${":spiral_calendar_pad:"}    | ${240}  | ${0}   | ${false}
    ${"Busy"}          | ${"InAMeeting"}              | ${true}  | ${"In a meeting"}              | ${":spiral_calendar_pad:"}    | ${240}  | ${0}   | ${false}
    ${"DoNotDisturb"}  | ${"UrgentInterruptionsOnly"} | ${false} | ${"Urgent interruptions only"} | ${":no_entry:"}               | ${240}  | ${240} | ${false}
    ${"DoNotDisturb"}  | ${"DoNotDisturb"}            | ${false} | ${"Do not disturb"}            | ${":no_entry:"}               | ${240}  | ${240} | ${false}
    ${"Available"}     | ${"Available"}               | ${true}  | ${"Out of office"}             | ${":palm_tree:"}              | ${null} | ${0}   | ${true}
    ${"Away"}          | ${"Away"}                    | ${true}  | ${"Out of office"}             | ${":palm_tree:"}              | ${null} | ${0}   | ${true}
    ${"Offline"}       | ${"OutOfOffice"}             | ${false} | ${"Out of office"}             | ${":palm_tree:"}              | ${null} | ${0}   | ${true}
    ${"Busy"}          | ${"Busy"}                    | ${false} | ${"Busy"}                      | ${":red_circle:"}             | ${240}  | ${0}   | ${false}
    ${"BusyIdle"}      | ${"Busy"}                    | ${false} | ${"Busy"}                      | ${":red_circle:"}             | ${240}  | ${0}   | ${false}
    ${"BeRightBack"}   | ${"BeRightBack"}             | ${false} | ${"Be right back"}             | ${":hourglass_flowing_sand:"} | ${60}   | ${0}   | ${true}
    ${"Offline"}       | ${"OffWork"}                 | ${false} | ${null}                        | ${null}                       | ${null} | ${0}   | ${true}
    ${"Away"}          | ${"Away"}                    | ${false} | ${null}                        | ${null}                       | ${null} | ${0}   | ${true}
    ${"Away"}          | ${"Inactive"}                | ${false} | ${null}                        | ${null}                       | ${null} | ${0}   | ${true}
    ${"Offline"}       | ${"Offline"}                 | ${false} | ${null}                        | ${null}                       | ${null} | ${0}   | ${true}
    ${"Available"}     | ${"Available"}               | ${false} | ${null}                        | ${null}                       | ${null} | ${0}   | ${false}
    ${"AvailableIdle"} | ${"Inactive"}                | ${false} | ${null}                        | ${null}                       | ${null} | ${0}   | ${false}
  `(
    "$availability/$activity oof=$oof → “$text” $emoji, DND $dnd min, away $away",
    ({ availability, activity, oof, text, emoji, expiry, dnd, away }) => {
      const { hold } = teamsToSlack(availability, activity, oof);
      if (text === null) expect(hold.status).toBeUndefined();
      else {
        expect(hold.status).toEqual({
          text: `${text} (via Teams)`,
          emoji,
          expiresAt: expiry === null ? null : NOW + expiry * MIN,
        });
      }
      expect(hold.dnd).toEqual(dnd === 0 ? undefined : { until: NOW + dnd * MIN });
      expect(hold.presence).toEqual(away ? { away: true } : undefined);
    },
  );

  it("PresenceUnknown (and any value Graph adds later) changes nothing the bridge holds", () => {
    const slack = {
      ...emptySideRecord<SlackView, SlackHold>(),
      hold: { status: { text: "In a meeting (via Teams)", emoji: ":spiral_calendar_pad:", expiresAt: null } },
    };
    const slackOwnView = ownSlackView(slack, settings, new Set());
    const slackOwn = ownSlackClassification(slackOwnView, rules, settings, NOW);
    const teamsOwn: TeamsView = {
      presence: { availability: "PresenceUnknown", activity: "PresenceUnknown" },
    };
    const result = computeSlackHold({
      outlook: {},
      teamsOwn,
      slackHold: slack.hold,
      slackOwnView,
      slackOwn,
      policy,
      rules,
      settings,
      now: NOW,
    });
    expect(result.hold).toEqual(slack.hold);
    expect(result.ruleId).toBe("fallback");
  });

  it("covers every Graph availability and activity pair with some rule", () => {
    for (const availability of GRAPH_AVAILABILITIES) {
      for (const activity of GRAPH_ACTIVITIES) {
        expect(teamsToSlack(availability, activity).ruleId).not.toBeNull();
      }
    }
  });
});

function slackToTeams(view: SlackView, overrides: Partial<typeof policy> = {}) {
  const slack = { ...emptySideRecord<SlackView, SlackHold>(), view };
  const slackOwn = ownSlackClassification(ownSlackView(slack, settings, new Set()), rules, settings, NOW);
  const result = computeTeamsHold({
    slackOwn,
    teamsHold: {},
    teamsOwn: {},
    policy: { ...policy, ...overrides },
    rules,
    settings,
  });
  return { ...result, kind: slackOwn.kind };
}

const status = (text: string, emoji: string, expiresAt: number | null = null) => ({
  status: { text, emoji, expiresAt },
});

describe("default rules, Slack → Teams", () => {
  it.each`
    name                               | view                                                                   | kind           | session                           | message
    ${"huddle"}                        | ${{ huddle: { inHuddle: true } }}                                      | ${"huddle"}    | ${["Busy", "InACall"]}            | ${null}
    ${"DND snooze"}                    | ${{ dnd: { snoozed: true, until: NOW + 30 * MIN } }}                   | ${"dnd"}       | ${["DoNotDisturb", "Presenting"]} | ${null}
    ${"focus status"}                  | ${status("Focus time", ":headphones:")}                                | ${"focus"}     | ${["DoNotDisturb", "Presenting"]} | ${"Focus time"}
    ${"meeting status (title hidden)"} | ${status("Design review with ACME", ":spiral_calendar_pad:")}          | ${"meeting"}   | ${["Busy", "InAConferenceCall"]}  | ${"In a meeting"}
    ${"meeting by text"}               | ${status("In a meeting", ":speech_balloon:")}                          | ${"meeting"}   | ${["Busy", "InAConferenceCall"]}  | ${"In a meeting"}
    ${"commuting"}                     | ${status("Commuting", ":bus:")}                                        | ${"commuting"} | ${["Away", "Away"]}               | ${"Commuting"}
    ${"lunch"}                         | ${status("Lunch", ":hamburger:")}                                      | ${"lunch"}     | ${["Away", "Away"]}               | ${"Lunch"}
    ${"sick"}                          | ${status("Out sick", ":face_with_thermometer:")}                       | ${"sick"}      | ${null}                           | ${"Out sick"}
    ${"vacation"}                      | ${status("Vacationing", ":palm_tree:")}                                | ${"vacation"}  | ${null}                           | ${"Vacationing"}
    ${"custom"}                        | ${status("Working remotely", ":house_with_garden:")}                   | ${"custom"}    | ${null}                           | ${"Working remotely"}
    ${"away"}                          | ${{ presence: { away: true } }}                                        | ${"away"}      | ${null}                           | ${null}
    ${"cleared"}                       | ${status("", "")}                                                      | ${"cleared"}   | ${null}                           | ${null}
    ${"the bridge's own status"}       | ${status("In a meeting (via Teams)", ":spiral_calendar_pad:")}         | ${"cleared"}   | ${null}                           | ${null}
    ${"an expired status"}             | ${status("Lunch", ":hamburger:", NOW - MIN)}                           | ${"cleared"}   | ${null}                           | ${null}
    ${"DND beats a huddle"}            | ${{ huddle: { inHuddle: true }, dnd: { snoozed: true, until: null } }} | ${"dnd"}       | ${["DoNotDisturb", "Presenting"]} | ${null}
  `("$name → $kind → session $session, message $message", ({ view, kind, session, message }) => {
    const result = slackToTeams(view);
    expect(result.kind).toBe(kind);
    expect(result.hold.session).toEqual(
      session === null ? undefined : { availability: session[0], activity: session[1], keepAlive: false },
    );
    expect(result.hold.statusMessage).toEqual(
      message === null ? undefined : { text: `${message} (via Slack)`, expiresAt: null },
    );
    expect(result.hold.preferred).toBeUndefined();
  });

  it("uses user-preferred Do not disturb for DND only when the policy opts in", () => {
    const view = { dnd: { snoozed: true, until: null } };
    expect(slackToTeams(view).hold.preferred).toBeUndefined();
    expect(slackToTeams(view, { allowPreferredPresence: true }).hold.preferred).toEqual({
      availability: "DoNotDisturb",
      activity: "DoNotDisturb",
    });
    expect(
      slackToTeams(status("Lunch", ":hamburger:"), { allowPreferredPresence: true }).hold.preferred,
    ).toBeUndefined();
  });

  it("carries the Slack status expiry to the Teams status message", () => {
    const result = slackToTeams(status("Vacationing", ":palm_tree:", NOW + 3 * 24 * 60 * MIN));
    expect(result.hold.statusMessage?.expiresAt).toBe(NOW + 3 * 24 * 60 * MIN);
  });

  it("privacy: no status text crosses when sharing is off; meeting titles cross when allowed", () => {
    expect(
      slackToTeams(status("Vacationing", ":palm_tree:"), { shareStatusText: false }).hold.statusMessage,
    ).toBeUndefined();
    expect(
      slackToTeams(status("Design review with ACME", ":calendar:"), { hideMeetingTitles: false }).hold
        .statusMessage?.text,
    ).toBe("Design review with ACME (via Slack)");
  });
});
