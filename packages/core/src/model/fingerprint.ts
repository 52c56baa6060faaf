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
  return JSON.stringify([status.text.trim(), status.emoji]);
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
 * Matches any new value of the facet: Graph combines the bridge's session with the person's own
 * sessions and preferred presence, so after a session or preferred-presence write the shown presence
 * may change in ways no fingerprint predicts (a masked state revealed, a preferred state taking effect).
 */
export const ANY_FINGERPRINT = "*";

/**
 * The observations a Slack write of `facet` will produce. A released presence (`auto`) has no
 * predictable echo, so it yields none.
 */
export function expectedSlackEchoes(facet: SlackHoldFacet, hold: SlackHold): Expectation[] {
  switch (facet) {
    case "status":
      return [
        { facet: "status", fingerprint: slackStatusFingerprint(hold.status ?? { text: "", emoji: "" }) },
      ];
    case "dnd":
      return [{ facet: "dnd", fingerprint: slackDndFingerprint({ snoozed: hold.dnd !== undefined }) }];
    case "presence":
      return hold.presence ? [{ facet: "presence", fingerprint: "away" }] : [];
  }
}

/**
 * The observations a Teams write of `facet` will produce: the exact presence the bridge set, and
 * — for any session or preferred-presence write, setting or clearing — whatever presence Graph's
 * aggregation shows next (ANY_FINGERPRINT), which is the bridge's doing too.
 */
export function expectedTeamsEchoes(facet: TeamsHoldFacet, hold: TeamsHold): Expectation[] {
  const any: Expectation = { facet: "presence", fingerprint: ANY_FINGERPRINT };
  switch (facet) {
    case "session":
      return hold.session
        ? [{ facet: "presence", fingerprint: teamsPresenceFingerprint(hold.session) }, any]
        : [any];
    case "preferred":
      return hold.preferred
        ? [{ facet: "presence", fingerprint: teamsPresenceFingerprint(hold.preferred) }, any]
        : [any];
    case "statusMessage":
      return [
        {
          facet: "statusMessage",
          fingerprint: teamsStatusMessageFingerprint(hold.statusMessage ?? { text: "" }),
        },
      ];
  }
}

/**
 * Prefix of a "leaving" expectation: the side still shows this value of the bridge's, and the
 * bridge has just replaced or cleared it. Until the side reports the change, the old value stays
 * the bridge's (it must not be mistaken for the person's own).
 */
export const LEAVING_PREFIX = "~";

export function leaving(expectations: readonly Expectation[]): Expectation[] {
  return expectations
    .filter((e) => e.fingerprint !== ANY_FINGERPRINT)
    .map((e) => ({ facet: e.facet, fingerprint: `${LEAVING_PREFIX}${e.fingerprint}` }));
}
