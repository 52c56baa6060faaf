import { fitSlackStatusText } from "../limits/slack-limits.ts";
import type { SlackView, TeamsView } from "../model/facets.ts";
import { slackStatusLapsed, type SlackHold } from "../model/hold.ts";
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
  /** When the state is known to end from elsewhere (a connected system's `until`); undefined = ask Outlook. */
  knownEnd?: number | null;
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

type StatusHold = NonNullable<SlackHold["status"]>;

/** When the state is known to end: a connected system's `until`, else the Outlook calendar's. */
function knownEnd(input: SlackTargetInput): number | null {
  return input.knownEnd !== undefined
    ? input.knownEnd
    : knownStateEnd(input.teamsOwn, input.outlook, input.now);
}

/**
 * The status to hold for a rule's target, given what is held: undefined keeps the held one. A known end
 * makes Slack clear the status by itself then (fixed). A fixed status that ended at its known end
 * stays ended while the state it mirrored lasts (a meeting that overran is not posted again): only a
 * different state, or a new end, is written. Without a known end the rule's safety expiry applies,
 * and an unchanged text keeps its expiry (the maintenance job refreshes it).
 */
function statusHold(
  current: StatusHold | undefined,
  target: { text: string; emoji: string },
  expiresInMinutes: number | null,
  { end, now }: { end: number | null; now: number },
): StatusHold | undefined {
  const same = current?.text === target.text && current.emoji === target.emoji;
  if (same && end === null && slackStatusLapsed(current, now)) return undefined;
  if (end !== null) {
    if (same && current?.fixed === true && current.expiresAt === end) return undefined;
    return { text: target.text, emoji: target.emoji, expiresAt: end, fixed: true };
  }
  if (same && current?.fixed !== true) return undefined;
  return {
    text: target.text,
    emoji: target.emoji,
    expiresAt: expiresInMinutes === null ? null : now + expiresInMinutes * MINUTE,
  };
}

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
      const next = statusHold(current.status, { text, emoji: status.emoji }, status.expiresInMinutes, {
        end: knownEnd(input),
        now,
      });
      if (next) hold.status = next;
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
