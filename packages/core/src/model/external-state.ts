import { z } from "zod";

import type { TeamsPresence } from "./facets.ts";
import type { Activity } from "./presence-state.ts";
import {
  availabilityRank,
  type Availability,
  type GraphActivity,
  type GraphAvailability,
} from "./vocabulary.ts";

/*
 * The generic webhook spoke: third-party systems (phone systems, contact-centre tools) report a
 * person's state to the bridge and receive the person's state from it, in the hub's canonical
 * vocabulary (docs/webhook-spoke.md). A system's state reaches Slack and Teams; the state the bridge
 * sends out is the person's own Slack and Teams state — never what a system itself reported.
 * Times are epoch milliseconds.
 */

/** Availabilities a system may report (the canonical ones, without "unknown"). */
export const EXTERNAL_AVAILABILITIES = [
  "available",
  "busy",
  "doNotDisturb",
  "beRightBack",
  "away",
  "offline",
] as const;
export const ZExternalAvailability = z.enum(EXTERNAL_AVAILABILITIES);

/** Activities a system may report (canonical: what phone and contact-centre systems know). */
export const EXTERNAL_ACTIVITIES = [
  "available",
  "inACall",
  "inAConferenceCall",
  "inAMeeting",
  "presenting",
  "busy",
  "doNotDisturb",
  "focus",
  "beRightBack",
  "away",
  "offWork",
  "outOfOffice",
  "offline",
] as const satisfies readonly Activity[];
export const ZExternalActivity = z.enum(EXTERNAL_ACTIVITIES);

export const ZExternalState = z.object({
  availability: ZExternalAvailability,
  activity: ZExternalActivity,
  /** When the state ends by itself (a scheduled break, a call's booked end); null = until reported otherwise. */
  until: z.number().nullable(),
});
export type ExternalState = z.infer<typeof ZExternalState>;

/** A webhook connection's id (also its URL path segment). */
export const ZConnectionId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "a connection id is 1–40 lower-case letters, digits and dashes");

/** What the systems reported for one person, by connection; null = the system reports nothing (a call ended). */
export const ZWebhookView = z.record(ZConnectionId, ZExternalState.nullable());
export type WebhookView = z.infer<typeof ZWebhookView>;

/** The person's state as the bridge sends it to systems (null: not shared — paused, opted out, unknown). */
export const ZPublishedState = z.object({
  availability: z.enum(["available", "busy", "doNotDisturb", "beRightBack", "away", "offline"]),
  activity: z.string(),
  outOfOffice: z.boolean(),
  until: z.number().nullable(),
  /** Which spoke the state comes from. */
  source: z.enum(["teams", "slack"]),
});
export type PublishedState = z.infer<typeof ZPublishedState>;

/** What the store keeps of what was last decided to send out (the webhook spoke's "hold"). */
export const ZPublishedHold = z.object({ state: ZPublishedState.nullable().optional() });
export type PublishedHold = z.infer<typeof ZPublishedHold>;

/** The fingerprint of a reported or sent state (the until is not part of it: systems round it). */
export function externalStateFingerprint(
  state: Pick<ExternalState, "availability" | "activity"> | null,
): string {
  return state === null ? "none" : `${state.availability}/${state.activity}`;
}

/**
 * A system being offline (a softphone closed, an agent logged out of the queue) says nothing about
 * whether the person is reachable elsewhere: it never overrides their own state.
 */
function saysSomething(state: ExternalState): boolean {
  return state.availability !== "offline" && state.activity !== "offWork" && state.activity !== "offline";
}

/** The most restrictive state the systems report now (expired and offline ones do not count); null when none. */
export function activeExternalState(view: WebhookView, now: number): ExternalState | null {
  let best: ExternalState | null = null;
  for (const state of Object.values(view)) {
    if (!state || !saysSomething(state) || (state.until !== null && state.until <= now)) continue;
    if (!best || availabilityRank(state.availability) > availabilityRank(best.availability)) best = state;
  }
  return best;
}

const GRAPH_AVAILABILITY: Record<ExternalState["availability"], GraphAvailability> = {
  available: "Available",
  busy: "Busy",
  doNotDisturb: "DoNotDisturb",
  beRightBack: "BeRightBack",
  away: "Away",
  offline: "Offline",
};

const GRAPH_ACTIVITY: Record<ExternalState["activity"], GraphActivity> = {
  available: "Available",
  inACall: "InACall",
  inAConferenceCall: "InAConferenceCall",
  inAMeeting: "InAMeeting",
  presenting: "Presenting",
  busy: "Busy",
  doNotDisturb: "DoNotDisturb",
  focus: "DoNotDisturb",
  beRightBack: "BeRightBack",
  away: "Away",
  offWork: "OffWork",
  outOfOffice: "OutOfOffice",
  offline: "Offline",
};

/** A system's state in Graph's words (for the Teams → Slack rules, which match Graph's presence). */
export function externalAsGraphPresence(state: ExternalState): TeamsPresence {
  return { availability: GRAPH_AVAILABILITY[state.availability], activity: GRAPH_ACTIVITY[state.activity] };
}

/**
 * The presence session the bridge holds on Teams for a system's state: the nearest pair setPresence
 * accepts (Available/Available, Busy/InACall, Busy/InAConferenceCall, Away/Away, DoNotDisturb/Presenting);
 * null for available (the bridge never forces someone available).
 */
export function externalAsTeamsSession(state: ExternalState): TeamsPresence | null {
  switch (state.availability) {
    case "available":
      return null;
    case "busy":
      return state.activity === "inAConferenceCall"
        ? { availability: "Busy", activity: "InAConferenceCall" }
        : { availability: "Busy", activity: "InACall" };
    case "doNotDisturb":
      return { availability: "DoNotDisturb", activity: "Presenting" };
    default:
      return { availability: "Away", activity: "Away" };
  }
}

/** When the earliest state a system reports ends by itself after `now` (then it is decided again); null when none. */
export function nextExternalEnd(view: WebhookView, now: number): number | null {
  const ends = Object.values(view)
    .map((state) => state?.until ?? null)
    .filter((until): until is number => until !== null && until > now);
  return ends.length === 0 ? null : Math.min(...ends);
}

/** Canonical rank of a system's availability, for comparing with a side's canonical state. */
export function externalRank(state: ExternalState): number {
  return availabilityRank(state.availability as Availability);
}
