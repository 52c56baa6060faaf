import { fitTeamsStatusMessage } from "../limits/graph-limits.ts";
import type { TeamsView } from "../model/facets.ts";
import type { TeamsHold } from "../model/hold.ts";
import type { BridgeSettings, LinkPolicy } from "../policy/policy.ts";
import { shareableStatusText } from "../policy/privacy.ts";
import type { SlackClassification } from "../rules/classify-slack.ts";
import { matchSlackToTeams } from "../rules/match-rules.ts";
import type { RuleSet } from "../rules/rule-set.ts";
import type { TargetResult } from "./slack-target.ts";

export interface TeamsTargetInput {
  slackOwn: SlackClassification;
  teamsHold: TeamsHold;
  /** The person's own Teams state (without what the bridge holds there). */
  teamsOwn: TeamsView;
  policy: LinkPolicy;
  rules: RuleSet;
  settings: BridgeSettings;
}

/**
 * Slack → Teams: what the bridge should hold on Teams for the person's own Slack state. Only pairs
 * setPresence accepts are ever held (the rule schema enforces it); user-preferred presence only where
 * the policy opts in; the status message passes the privacy filter and never replaces a message the
 * person wrote in Teams when respectManualStatus.
 */
export function computeTeamsHold(input: TeamsTargetInput): TargetResult<TeamsHold> {
  const { slackOwn, teamsHold: current, policy, settings } = input;
  const rule = matchSlackToTeams(input.rules, slackOwn.kind);
  if (!rule) return { hold: current, ruleId: null, manualKept: [] };

  const hold: TeamsHold = { ...current };
  const manualKept: string[] = [];
  const { presence, statusMessage, preferred } = rule.teams;

  if (presence === "clear") delete hold.session;
  else if (presence !== "keep") {
    hold.session = {
      availability: presence.availability,
      activity: presence.activity,
      keepAlive: presence.keepAlive,
    };
  }

  if (!policy.allowPreferredPresence || preferred === "clear") delete hold.preferred;
  else if (preferred !== "keep")
    hold.preferred = { availability: preferred.availability, activity: preferred.activity };

  if (statusMessage === "clear") delete hold.statusMessage;
  else if (statusMessage !== "keep") {
    const text =
      statusMessage === "statusText"
        ? shareableStatusText(policy, slackOwn.statusKind, slackOwn.statusText)
        : statusMessage.text;
    const expiresAt = statusMessage === "statusText" ? slackOwn.expiresAt : null;
    const ownMessage = (input.teamsOwn.statusMessage?.text ?? "") !== "";
    if (text === "") delete hold.statusMessage;
    else if (policy.respectManualStatus && ownMessage) {
      delete hold.statusMessage;
      manualKept.push("statusMessage");
    } else hold.statusMessage = { text: fitTeamsStatusMessage(text, settings.teamsStatusMarker), expiresAt };
  }

  return { hold, ruleId: rule.id, manualKept };
}
