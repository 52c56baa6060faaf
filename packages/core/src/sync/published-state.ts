import { slackPresenceState, teamsPresenceState } from "../model/canonical.ts";
import type { PublishedState } from "../model/external-state.ts";
import type { TeamsView } from "../model/facets.ts";
import type { OutlookView } from "../model/schedule.ts";
import { knownStateEnd } from "../model/schedule.ts";
import { availabilityRank } from "../model/vocabulary.ts";
import type { SlackClassification } from "../rules/classify-slack.ts";

/**
 * The person's state as the webhook spoke sends it to connected systems: the more restrictive of
 * their own Teams and own Slack state (what the bridge holds on either side — including what systems
 * reported — never counts, so a system is never sent a state that came from a system). null when
 * neither side says anything.
 */
export function publishedState(own: {
  teams: TeamsView;
  slack: SlackClassification;
  outlook: OutlookView;
  now: number;
}): PublishedState | null {
  const meta = { observedAt: own.now, sourceVersion: "" };
  const teams = teamsPresenceState(own.teams, meta);
  const slack = slackPresenceState(own.slack, meta);
  const teamsKnown = own.teams.presence !== undefined || teams.outOfOffice;
  const candidates = [
    ...(teamsKnown ? [{ state: teams, source: "teams" as const }] : []),
    { state: slack, source: "slack" as const },
  ].filter(({ state }) => state.availability !== "unknown");
  const best = candidates.reduce<(typeof candidates)[number] | null>(
    (top, c) =>
      !top || availabilityRank(c.state.availability) > availabilityRank(top.state.availability) ? c : top,
    null,
  );
  if (!best) return null;
  const { state, source } = best;
  const until =
    source === "teams"
      ? (knownStateEnd(own.teams, own.outlook, own.now) ?? state.expiresAt)
      : state.expiresAt;
  return {
    availability: state.availability as PublishedState["availability"],
    activity: state.activity,
    outOfOffice: state.outOfOffice,
    until,
    source,
  };
}

/** Whether two published states say the same (the until matters: a system shows it). */
export function samePublished(
  a: PublishedState | null | undefined,
  b: PublishedState | null | undefined,
): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
