import type { SlackView, TeamsView } from "../model/facets.ts";
import type { SlackHold, TeamsHold } from "../model/hold.ts";
import type { BridgeSettings, LinkPolicy } from "../policy/policy.ts";
import { ownSlackClassification } from "../sync/own-state.ts";
import { computeSlackHold } from "../sync/slack-target.ts";
import { computeTeamsHold } from "../sync/teams-target.ts";
import type { SlackKind } from "../model/vocabulary.ts";
import type { RuleSet } from "./rule-set.ts";

export interface RulePreview<Hold> {
  /** The rule that matched; null when none did (then the bridge changes nothing). */
  ruleId: string | null;
  /** What the bridge would hold on the other side, for someone with no state of their own there. */
  hold: Hold;
  /** Facets left alone because the person set them (e.g. their own status when respectManualStatus). */
  manualKept: string[];
}

/** "This Teams state becomes this Slack status": a rule set applied to one Teams state. */
export function previewTeamsToSlack(
  rules: RuleSet,
  settings: BridgeSettings,
  policy: LinkPolicy,
  teams: TeamsView,
  slackOwn: SlackView = {},
  now = Date.now(),
): RulePreview<SlackHold> {
  return computeSlackHold({
    outlook: {},
    teamsOwn: teams,
    slackHold: {},
    slackOwnView: slackOwn,
    slackOwn: ownSlackClassification(slackOwn, rules, settings, now),
    policy,
    rules,
    settings,
    now,
  });
}

/** "This Slack state becomes this Teams presence": a rule set applied to one Slack state. */
export function previewSlackToTeams(
  rules: RuleSet,
  settings: BridgeSettings,
  policy: LinkPolicy,
  slack: SlackView,
  teamsOwn: TeamsView = {},
  now = Date.now(),
): RulePreview<TeamsHold> & { kind: SlackKind } {
  const slackOwn = ownSlackClassification(slack, rules, settings, now);
  return {
    ...computeTeamsHold({ slackOwn, teamsHold: {}, teamsOwn, policy, rules, settings }),
    kind: slackOwn.kind,
  };
}
