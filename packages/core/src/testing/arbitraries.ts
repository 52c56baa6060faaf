import fc from "fast-check";

import { SET_PRESENCE_PAIRS } from "../limits/graph-limits.ts";
import type { Side } from "../model/vocabulary.ts";
import { defaultRuleSet } from "../rules/default-rules.ts";
import { ZRuleSet, type RuleSet, type SlackToTeamsRule, type TeamsToSlackRule } from "../rules/rule-set.ts";
import type { SimAction } from "./simulation.ts";

const STATUS_TEXTS = ["In a meeting", "In a call", "Busy", "Lunch", "Away from keyboard", "Presenting now"];
const EMOJI = [":spiral_calendar_pad:", ":telephone_receiver:", ":red_circle:", ":no_entry:", ":palm_tree:"];

const slackTarget: fc.Arbitrary<TeamsToSlackRule["slack"]> = fc.record({
  status: fc.oneof(
    fc.constant("keep" as const),
    fc.constant("clear" as const),
    fc.record({
      text: fc.constantFrom(...STATUS_TEXTS),
      emoji: fc.constantFrom(...EMOJI),
      expiresInMinutes: fc.option(fc.integer({ min: 5, max: 300 }), { nil: null }),
    }),
  ),
  dnd: fc.oneof(
    fc.constant("keep" as const),
    fc.constant("off" as const),
    fc.record({ minutes: fc.integer({ min: 5, max: 300 }) }),
  ),
  presence: fc.constantFrom("keep" as const, "away" as const, "auto" as const),
});

const teamsTarget: fc.Arbitrary<SlackToTeamsRule["teams"]> = fc.record({
  presence: fc.oneof(
    fc.constant("keep" as const),
    fc.constant("clear" as const),
    fc
      .record({ pair: fc.constantFrom(...SET_PRESENCE_PAIRS), keepAlive: fc.boolean() })
      .map(({ pair, keepAlive }) => ({ ...pair, keepAlive })),
  ),
  statusMessage: fc.oneof(
    fc.constant("keep" as const),
    fc.constant("clear" as const),
    fc.constant("statusText" as const),
    fc.constantFrom({ text: "Busy in Slack" }, { text: "On a huddle" }),
  ),
  preferred: fc.constant("clear" as const),
});

/** Random rule sets: the default rules' conditions with random (valid) targets. */
export function arbitraryRuleSet(): fc.Arbitrary<RuleSet> {
  const base = defaultRuleSet();
  return fc
    .record({
      teamsToSlack: fc.tuple(...base.teamsToSlack.map(() => slackTarget)),
      slackToTeams: fc.tuple(...base.slackToTeams.map(() => teamsTarget)),
    })
    .map(({ teamsToSlack, slackToTeams }) =>
      ZRuleSet.parse({
        teamsToSlack: base.teamsToSlack.map((rule, i) => ({ ...rule, slack: teamsToSlack[i] ?? rule.slack })),
        slackToTeams: base.slackToTeams.map((rule, i) => ({ ...rule, teams: slackToTeams[i] ?? rule.teams })),
        slackClassifier: base.slackClassifier,
      }),
    );
}

const side = fc.constantFrom<Side>("slack", "teams");

/** Person changes, deliveries in any order, duplicates, crashing writes, polls and time. */
export function arbitraryActions(maxLength = 60): fc.Arbitrary<SimAction[]> {
  const action: fc.Arbitrary<SimAction> = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        type: fc.constant("slackStatus" as const),
        choice: fc.nat(),
        expiresInMinutes: fc.option(fc.integer({ min: 1, max: 90 }), { nil: null }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("slackHuddle" as const), on: fc.boolean() }) },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant("slackSnooze" as const),
        minutes: fc.option(fc.integer({ min: 1, max: 90 }), { nil: null }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("slackAway" as const), on: fc.boolean() }) },
    { weight: 3, arbitrary: fc.record({ type: fc.constant("teamsSession" as const), choice: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("teamsPreferred" as const), choice: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("teamsOutOfOffice" as const), on: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("teamsMessage" as const), choice: fc.nat() }) },
    { weight: 6, arbitrary: fc.record({ type: fc.constant("deliver" as const), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant("redeliver" as const), pick: fc.nat() }) },
    {
      weight: 4,
      arbitrary: fc.record({ type: fc.constant("runWrite" as const), side, crash: fc.boolean() }),
    },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("poll" as const), side }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant("systemReport" as const), choice: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("outlookRead" as const), choice: fc.nat() }) },
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constant("advance" as const),
        seconds: fc.integer({ min: 1, max: 240 }),
      }),
    },
  );
  return fc.array(action, { maxLength });
}
