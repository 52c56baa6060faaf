import { hasSlackMarker } from "../limits/slack-limits.ts";
import type { SlackStatus, SlackView, TeamsPresence, TeamsView } from "../model/facets.ts";
import {
  ANY_FINGERPRINT,
  teamsPresenceFingerprint,
  teamsStatusMessageFingerprint,
  viewFingerprints,
} from "../model/fingerprint.ts";
import { slackStatusLapsed, type TeamsHold } from "../model/hold.ts";
import { compareVersions } from "../model/versions.ts";
import type { BridgeSettings } from "../policy/policy.ts";
import { bridgeMayHold, bridgeValues, leavingFacets } from "./ownership.ts";
import type { LinkSnapshot, PendingExpectation, SideObservation, SideRecord } from "./types.ts";

export type ObservationClass =
  | { kind: "stale"; staleFacets: string[] }
  | { kind: "duplicate" }
  | { kind: "echo"; echoFacets: string[]; by: "expectation" | "provenance" }
  | {
      kind: "real";
      realFacets: string[];
      /** Real facets that changed right after a bridge write that makes them unpredictable (Graph aggregation). */
      inducedFacets: string[];
      echoFacets: string[];
    };

export interface ClassifiedObservation {
  cls: ObservationClass;
  /** The observed side's view and versions after taking the observation in. */
  view: SlackView | TeamsView;
  versions: Record<string, string>;
}

/**
 * Loop protection layers 1–3 (DESIGN §5): drops stale and out-of-order facets (ordering), facets
 * whose value did not change (duplicates, Slack's two or three events per write), facets matching
 * a pending expectation (echoes of the bridge's writes), and facets that are recognisably the
 * bridge's own (provenance: the Slack marker, the Teams session or message the bridge holds).
 */
export function classifyObservation(
  link: LinkSnapshot,
  observation: SideObservation,
  expectations: readonly PendingExpectation[],
  settings: BridgeSettings,
  now: number,
): ClassifiedObservation {
  const side = observation.side;
  const record = link[side];
  const incoming = observation.facets as Record<string, unknown>;
  const fresh: Record<string, unknown> = {};
  const staleFacets: string[] = [];
  for (const [facet, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    const last = record.versions[facet];
    if (last !== undefined && compareVersions(side, observation.version, last) < 0) staleFacets.push(facet);
    else fresh[facet] = value;
  }
  if (Object.keys(fresh).length === 0) {
    return { cls: { kind: "stale", staleFacets }, view: record.view, versions: record.versions };
  }

  const view = { ...record.view, ...fresh } as SlackView | TeamsView;
  const versions = { ...record.versions };
  if (observation.version !== "")
    for (const facet of Object.keys(fresh)) versions[facet] = observation.version;

  const before = viewFingerprints(side, record.view);
  const after = viewFingerprints(side, view);
  const changed = Object.keys(fresh).filter((facet) => before[facet] !== after[facet]);
  if (changed.length === 0) return { cls: { kind: "duplicate" }, view, versions };

  const pending = (facet: string, fingerprint: string | undefined) =>
    expectations.some(
      (e) => e.side === side && e.facet === facet && e.fingerprint === fingerprint && e.expiresAt > now,
    );
  const echoFacets = changed.filter((facet) => pending(facet, after[facet]));
  const afterExpectations = changed.filter((facet) => !echoFacets.includes(facet));
  if (afterExpectations.length === 0) {
    return { cls: { kind: "echo", echoFacets, by: "expectation" }, view, versions };
  }

  const leavingNow = leavingFacets(side, view, expectations, now);
  const provenance = afterExpectations.filter(
    (facet) => leavingNow.has(facet) || isBridgesOwn(link, side, facet, view, settings, now),
  );
  const realFacets = afterExpectations.filter((facet) => !provenance.includes(facet));
  if (realFacets.length === 0) {
    return {
      cls: { kind: "echo", echoFacets: [...echoFacets, ...provenance], by: "provenance" },
      view,
      versions,
    };
  }
  const inducedFacets = realFacets.filter((facet) => pending(facet, ANY_FINGERPRINT));
  return {
    cls: { kind: "real", realFacets, inducedFacets, echoFacets: [...echoFacets, ...provenance] },
    view,
    versions,
  };
}

/** Layer 2 (provenance and ownership): is this facet's new value something the bridge put there? */
function isBridgesOwn(
  link: LinkSnapshot,
  side: "slack" | "teams",
  facet: string,
  view: SlackView | TeamsView,
  settings: BridgeSettings,
  now: number,
): boolean {
  if (side === "slack") {
    const v = view as SlackView;
    if (facet === "status" && v.status) {
      return (
        hasSlackMarker(v.status.text, settings.slackStatusMarker) || isOwnStatusLapsing(link, v.status, now)
      );
    }
    if (facet === "dnd" && v.dnd) return v.dnd.snoozed && bridgeMayHold(link.slack, "dnd");
    if (facet === "presence" && v.presence) return v.presence.away && bridgeMayHold(link.slack, "presence");
    return false;
  }
  const v = view as TeamsView;
  if (facet === "presence" && v.presence) return isBridgeTeamsPresence(link.teams, v.presence);
  if (facet === "statusMessage" && v.statusMessage) {
    const fp = teamsStatusMessageFingerprint(v.statusMessage);
    const ours = bridgeValues(link.teams, "statusMessage").map((m) => teamsStatusMessageFingerprint(m));
    return fp !== "" && ours.includes(fp);
  }
  return false;
}

/** Slack may announce an expiry a little late, or the clocks differ a little. */
const LAPSE_TOLERANCE_MS = 60_000;

/**
 * A status cleared when the bridge's own fixed-expiry status (a meeting's end) was due to end: Slack
 * cleared it by itself, as the bridge asked — its own doing, not the person's.
 */
function isOwnStatusLapsing(link: LinkSnapshot, status: SlackStatus, now: number): boolean {
  if (status.text !== "" || status.emoji !== "") return false;
  const soon = now + LAPSE_TOLERANCE_MS;
  return [link.slack.written.status, link.slack.attempted.status, link.slack.hold.status].some((held) =>
    slackStatusLapsed(held, soon),
  );
}

/**
 * Whether an observed Teams presence can be the bridge's own doing: its session or preferred
 * presence, or — while it holds an Available session — that session fading (Graph shows an
 * Available session that was not posted again as AvailableIdle, then Away).
 */
export function isBridgeTeamsPresence(
  record: SideRecord<TeamsView, TeamsHold>,
  presence: TeamsPresence,
): boolean {
  const sessions = bridgeValues(record, "session");
  const pairs = [...sessions, ...bridgeValues(record, "preferred")];
  const fp = teamsPresenceFingerprint(presence);
  if (pairs.some((pair) => teamsPresenceFingerprint(pair) === fp)) return true;
  const holdsAvailable = sessions.some((session) => session.availability === "Available");
  return holdsAvailable && (presence.availability === "AvailableIdle" || presence.availability === "Away");
}
