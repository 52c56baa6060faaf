import { fitSlackStatusText } from "../limits/slack-limits.ts";
import type { SlackView, TeamsView } from "../model/facets.ts";
import type { SlackHold } from "../model/hold.ts";
import { knownStateEnd, type OutlookView } from "../model/schedule.ts";
import type { BridgeSettings, LinkPolicy } from "../policy/policy.ts";
import type { SlackClassification } from "../rules/classify-slack.ts";
import { matchTeamsToSlack } from "../rules/match-rules.ts";
import type { RuleSet } from "../rules/rule-set.ts";
import { hasOwnSlackStatus } from "./own-state.ts";

export interface SlackTargetInput {
  /** The person's own Teams state (without what the bridge holds there). */
  teamsOwn: TeamsView;
  /** The person's calendar and automatic replies (the Outlook spoke; empty when not read). */
  outlook: OutlookView;
  slackHold: SlackHold;
  /** The person's own Slack state (without what the bridge holds there), and what it means. */
  slackOwnView: SlackView;
  slackOwn: SlackClassification;
  policy: LinkPolicy;
  rules: RuleSet;
  settings: BridgeSettings;
  now: number;
}

export interface TargetResult<Hold> {
  hold: Hold;
  ruleId: string | null;
  /** Facets left alone because the person set them. */
  manualKept: string[];
}

const MINUTE = 60_000;

/**
 * Teams → Slack: what the bridge should hold on Slack for the person's own Teams state. It never
 * takes over a facet the person controls themselves (their own status when respectManualStatus,
 * their own snooze or away) and keeps an existing hold's expiry when the target did not change.
 */
export function computeSlackHold(input: SlackTargetInput): TargetResult<SlackHold> {
  const { slackOwn, policy, settings, now } = input;
  const current = input.slackHold;
  const rule = matchTeamsToSlack(input.rules, input.teamsOwn);
  if (!rule) return { hold: current, ruleId: null, manualKept: [] };

  const hold: SlackHold = { ...current };
  const manualKept: string[] = [];
  const { status, dnd, presence } = rule.slack;

  if (status === "clear") delete hold.status;
  else if (status !== "keep") {
    const text = fitSlackStatusText(status.text, settings.slackStatusMarker);
    if (policy.respectManualStatus && hasOwnSlackStatus(slackOwn)) {
      delete hold.status;
      manualKept.push("status");
    } else {
      // A known end (the meeting's, the out of office's) makes Slack clear the status by itself then.
      const end = knownStateEnd(input.teamsOwn, input.outlook, now);
      const same = current.status?.text === text && current.status.emoji === status.emoji;
      if (end !== null && !(same && current.status?.fixed === true && current.status.expiresAt === end)) {
        hold.status = { text, emoji: status.emoji, expiresAt: end, fixed: true };
      } else if (end === null && !(same && current.status?.fixed !== true)) {
        const expiresAt = status.expiresInMinutes === null ? null : now + status.expiresInMinutes * MINUTE;
        hold.status = { text, emoji: status.emoji, expiresAt };
      }
    }
  }

  const ownSnooze = input.slackOwnView.dnd?.snoozed === true;
  if (dnd === "off" || (dnd !== "keep" && ownSnooze)) delete hold.dnd;
  else if (dnd !== "keep" && !current.dnd) hold.dnd = { until: now + dnd.minutes * MINUTE };

  const ownAway = input.slackOwnView.presence?.away === true;
  if (presence === "auto" || (presence === "away" && ownAway)) delete hold.presence;
  else if (presence === "away") hold.presence = { away: true };

  return { hold, ruleId: rule.id, manualKept };
}
