import type { TeamsView } from "../model/facets.ts";
import type { SlackKind } from "../model/vocabulary.ts";
import type { RuleSet, SlackToTeamsRule, TeamsToSlackRule } from "./rule-set.ts";

/** The Graph values a Teams → Slack rule is matched on. Never-observed facets count as unknown. */
export function teamsRuleInput(view: TeamsView) {
  return {
    availability: view.presence?.availability ?? "PresenceUnknown",
    activity: view.presence?.activity ?? "PresenceUnknown",
    outOfOffice: view.outOfOffice?.isOutOfOffice ?? false,
  } as const;
}

/** The first Teams → Slack rule matching the observed Teams state, or undefined (then nothing changes). */
export function matchTeamsToSlack(rules: RuleSet, view: TeamsView): TeamsToSlackRule | undefined {
  const input = teamsRuleInput(view);
  return rules.teamsToSlack.find(
    ({ when }) =>
      (when.availability === undefined || when.availability.includes(input.availability)) &&
      (when.activity === undefined || when.activity.includes(input.activity)) &&
      (when.outOfOffice === undefined || when.outOfOffice === input.outOfOffice),
  );
}

/** The first Slack → Teams rule for a classified Slack kind, or undefined (then nothing changes). */
export function matchSlackToTeams(rules: RuleSet, kind: SlackKind): SlackToTeamsRule | undefined {
  return rules.slackToTeams.find(({ when }) => when.kind.includes(kind));
}
