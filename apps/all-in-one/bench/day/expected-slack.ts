import { matchTeamsToSlack, type RuleSet, type TeamsToSlackRule, type TeamsView } from "@presence/core";
import type { PersonDay, TracePresence } from "@presence/core/testing";

import { appendSegment, type Segment, type Timeline } from "./timeline.ts";

/**
 * What Slack shows of a person, one value per facet, each mirrored by its own Slack methods:
 * - `status`: `"<emoji> <text>"` (the rule's text, without the bridge's marker), `""` for no status
 *   (`users.profile.set`);
 * - `dnd`: snoozed (`dnd.setSnooze` turns it on, `dnd.endSnooze` off);
 * - `away`: presence forced away (`users.setPresence`, both ways).
 */
export interface SlackFacets {
  status: string;
  dnd: boolean;
  away: boolean;
}
export type SlackFacetName = keyof SlackFacets;
export const SLACK_FACET_NAMES = ["status", "dnd", "away"] as const satisfies readonly SlackFacetName[];

/** One timeline per facet. */
export type FacetTimelines = { [F in SlackFacetName]: Timeline<SlackFacets[F]> };

/** Before the bridge has written anything: no status, no snooze, not forced away. */
export const NOTHING_SHOWN: Readonly<SlackFacets> = { status: "", dnd: false, away: false };

/** The `status` value of a Slack status. */
export function statusKey(emoji: string, text: string): string {
  return `${emoji} ${text}`;
}

/** The Teams view the rules are matched on, from one entry of the trace. */
export function teamsView(entry: TracePresence): TeamsView {
  return {
    presence: { availability: entry.presence.availability, activity: entry.presence.activity },
    outOfOffice: { isOutOfOffice: entry.outOfOffice },
  };
}

/** What a rule makes Slack show, given what it showed before ("keep" keeps that; no rule keeps everything). */
export function applyRule(rule: TeamsToSlackRule | undefined, previous: SlackFacets): SlackFacets {
  if (!rule) return previous;
  const { status, dnd, presence } = rule.slack;
  return {
    status:
      status === "keep" ? previous.status : status === "clear" ? "" : statusKey(status.emoji, status.text),
    dnd: dnd === "keep" ? previous.dnd : dnd !== "off",
    away: presence === "keep" ? previous.away : presence === "away",
  };
}

/**
 * What Slack should show of the person over the day under `rules`: from `person.presence[0].at` (the
 * state before the day, starting from NOTHING_SHOWN), each Teams change mapped through the first matching
 * rule. Consecutive equal values are merged, so every later segment of a facet is a change.
 */
export function expectedTimeline(person: PersonDay, rules: RuleSet): FacetTimelines {
  const status: Segment<string>[] = [];
  const dnd: Segment<boolean>[] = [];
  const away: Segment<boolean>[] = [];
  let shown: SlackFacets = NOTHING_SHOWN;
  for (const entry of person.presence) {
    shown = applyRule(matchTeamsToSlack(rules, teamsView(entry)), shown);
    appendSegment(status, entry.at, shown.status);
    appendSegment(dnd, entry.at, shown.dnd);
    appendSegment(away, entry.at, shown.away);
  }
  return { status, dnd, away };
}
