import { z } from "zod";

/** The two sides the bridge mirrors between (and writes). */
export const SIDES = ["slack", "teams"] as const;
export const ZSide = z.enum(SIDES);
export type Side = z.infer<typeof ZSide>;

/**
 * Every spoke the bridge observes: the two it mirrors between; Outlook, which it only reads (calendar
 * and automatic replies tell it when a state ends); and webhook, third-party systems connected through
 * the generic webhook contract (their states reach Slack and Teams; the person's state goes out to them).
 */
export const SPOKES = ["slack", "teams", "outlook", "webhook"] as const;
export const ZSpoke = z.enum(SPOKES);
export type Spoke = z.infer<typeof ZSpoke>;

/** The side opposite to `side`. */
export function otherSide(side: Side): Side {
  return side === "slack" ? "teams" : "slack";
}

/**
 * Graph presence `availability`, exactly as Graph sends it (PascalCase).
 * Source: Graph presence resource (see docs/mapping.md).
 */
export const GRAPH_AVAILABILITIES = [
  "Available",
  "AvailableIdle",
  "Away",
  "BeRightBack",
  "Busy",
  "BusyIdle",
  "DoNotDisturb",
  "Offline",
  "PresenceUnknown",
] as const;
export const ZGraphAvailability = z.enum(GRAPH_AVAILABILITIES);
export type GraphAvailability = z.infer<typeof ZGraphAvailability>;

/** Graph presence `activity`, exactly as Graph sends it (PascalCase). */
export const GRAPH_ACTIVITIES = [
  "Available",
  "Away",
  "BeRightBack",
  "Busy",
  "DoNotDisturb",
  "InACall",
  "InAConferenceCall",
  "Inactive",
  "InAMeeting",
  "Offline",
  "OffWork",
  "OutOfOffice",
  "PresenceUnknown",
  "Presenting",
  "UrgentInterruptionsOnly",
] as const;
export const ZGraphActivity = z.enum(GRAPH_ACTIVITIES);
export type GraphActivity = z.infer<typeof ZGraphActivity>;

/** Returns the Graph availability for any casing Graph (or its docs) may use; unknown values → PresenceUnknown. */
export function parseGraphAvailability(value: unknown): GraphAvailability {
  return matchCaseInsensitive(GRAPH_AVAILABILITIES, value) ?? "PresenceUnknown";
}

/** Returns the Graph activity for any casing; unknown values → PresenceUnknown. */
export function parseGraphActivity(value: unknown): GraphActivity {
  return matchCaseInsensitive(GRAPH_ACTIVITIES, value) ?? "PresenceUnknown";
}

function matchCaseInsensitive<T extends string>(values: readonly T[], value: unknown): T | undefined {
  if (typeof value !== "string") return undefined;
  const lower = value.toLowerCase();
  return values.find((candidate) => candidate.toLowerCase() === lower);
}

/**
 * What a Slack status means, after classification (see rules/classify-slack-status.ts).
 * `cleared` = no status; `custom` = any status that no classification rule recognised.
 */
export const SLACK_KINDS = [
  "cleared",
  "huddle",
  "dnd",
  "meeting",
  "focus",
  "commuting",
  "sick",
  "vacation",
  "lunch",
  "away",
  "custom",
] as const;
export const ZSlackKind = z.enum(SLACK_KINDS);
export type SlackKind = z.infer<typeof ZSlackKind>;

/**
 * Canonical availability: the hub's coarse "can I reach this person" level, ordered by
 * how restrictive it is (see `availabilityRank`).
 */
export const AVAILABILITIES = [
  "available",
  "offline",
  "away",
  "beRightBack",
  "busy",
  "doNotDisturb",
  "unknown",
] as const;
export const ZAvailability = z.enum(AVAILABILITIES);
export type Availability = z.infer<typeof ZAvailability>;

const RANK: Record<Availability, number> = {
  unknown: -1,
  available: 0,
  offline: 1,
  away: 2,
  beRightBack: 3,
  busy: 4,
  doNotDisturb: 5,
};

/** Higher is more restrictive: doNotDisturb > busy > beRightBack > away > offline > available > unknown. */
export function availabilityRank(availability: Availability): number {
  return RANK[availability];
}
