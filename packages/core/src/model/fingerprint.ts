import type { SlackHoldFacet, TeamsHoldFacet, SlackHold, TeamsHold } from "./hold.ts";
import type {
  SlackDnd,
  SlackHuddle,
  SlackPresence,
  SlackStatus,
  SlackView,
  TeamsOutOfOffice,
  TeamsPresence,
  TeamsStatusMessage,
  TeamsView,
} from "./facets.ts";
import type { Side } from "./vocabulary.ts";

/*
 * A fingerprint is a facet's value normalised the way the side reports it back, with the parts the
 * side does not report faithfully left out (Slack snooze end times are rounded; Graph omits status
 * message expiry for other users; expiry is never part of a fingerprint).
 */

export function slackStatusFingerprint(status: Pick<SlackStatus, "text" | "emoji">): string {
  return `${status.text.trim()}\u0000${status.emoji}`;
}
export function slackDndFingerprint(dnd: Pick<SlackDnd, "snoozed">): string {
  return dnd.snoozed ? "snoozed" : "off";
}
export function slackHuddleFingerprint(huddle: SlackHuddle): string {
  return huddle.inHuddle ? "huddle" : "none";
}
export function slackPresenceFingerprint(presence: SlackPresence): string {
  return presence.away ? "away" : "active";
}
export function teamsPresenceFingerprint(presence: TeamsPresence): string {
  return `${presence.availability}/${presence.activity}`;
}
export function teamsOutOfOfficeFingerprint(oof: TeamsOutOfOffice): string {
  return oof.isOutOfOffice ? "oof" : "in";
}
export function teamsStatusMessageFingerprint(message: Pick<TeamsStatusMessage, "text">): string {
  return message.text.trim();
}

/** Fingerprints of every facet present in a view, keyed by facet. */
export function viewFingerprints(side: Side, view: SlackView | TeamsView): Record<string, string> {
  const out: Record<string, string> = {};
  if (side === "slack") {
    const v = view as SlackView;
    if (v.status) out.status = slackStatusFingerprint(v.status);
    if (v.dnd) out.dnd = slackDndFingerprint(v.dnd);
    if (v.huddle) out.huddle = slackHuddleFingerprint(v.huddle);
    if (v.presence) out.presence = slackPresenceFingerprint(v.presence);
  } else {
    const v = view as TeamsView;
    if (v.presence) out.presence = teamsPresenceFingerprint(v.presence);
    if (v.outOfOffice) out.outOfOffice = teamsOutOfOfficeFingerprint(v.outOfOffice);
    if (v.statusMessage) out.statusMessage = teamsStatusMessageFingerprint(v.statusMessage);
  }
  return out;
}

/** What the side will report back after a write: the observation facet and its fingerprint. */
export interface Expectation {
  facet: string;
  fingerprint: string;
}

/**
 * The observation a Slack write of `facet` will produce. A released presence (`auto`) has no
 * predictable echo, so it yields none.
 */
export function expectedSlackEcho(facet: SlackHoldFacet, hold: SlackHold): Expectation | undefined {
  switch (facet) {
    case "status":
      return {
        facet: "status",
        fingerprint: slackStatusFingerprint(hold.status ?? { text: "", emoji: "" }),
      };
    case "dnd":
      return { facet: "dnd", fingerprint: slackDndFingerprint({ snoozed: hold.dnd !== undefined }) };
    case "presence":
      return hold.presence ? { facet: "presence", fingerprint: "away" } : undefined;
  }
}

/**
 * The observation a Teams write of `facet` will produce. Graph reports only the aggregated
 * presence, so releasing a session or preferred presence has no predictable echo.
 */
export function expectedTeamsEcho(facet: TeamsHoldFacet, hold: TeamsHold): Expectation | undefined {
  switch (facet) {
    case "session":
      return hold.session
        ? { facet: "presence", fingerprint: teamsPresenceFingerprint(hold.session) }
        : undefined;
    case "preferred":
      return hold.preferred
        ? { facet: "presence", fingerprint: teamsPresenceFingerprint(hold.preferred) }
        : undefined;
    case "statusMessage":
      return {
        facet: "statusMessage",
        fingerprint: teamsStatusMessageFingerprint(hold.statusMessage ?? { text: "" }),
      };
  }
}
