import {
  externalAsGraphPresence,
  externalAsTeamsSession,
  externalRank,
  type ExternalState,
} from "../model/external-state.ts";
import type { TeamsView } from "../model/facets.ts";
import type { TeamsHold } from "../model/hold.ts";
import { teamsPresenceState } from "../model/canonical.ts";
import { availabilityRank } from "../model/vocabulary.ts";

/*
 * A connected system's state (webhook spoke) joins the person's own Teams state on its way to Slack,
 * and their own Slack state on its way to Teams, where it is more restrictive: on a phone call while
 * Teams says available, Slack shows the call and Teams gets a Busy/InACall session. It never changes
 * what the person set themselves; it only adds to what the bridge holds.
 */

/**
 * The Teams state the Teams → Slack rules are matched on: the person's own, or the system's where it
 * is more restrictive (then its `until`, if any, is the status's known end).
 */
export function teamsViewWithExternal(
  teamsOwn: TeamsView,
  external: ExternalState | null,
): { view: TeamsView; end: number | null; external: boolean } {
  // An available system adds nothing (and must not stand in for a Teams presence hidden behind the bridge's session).
  if (!external || external.availability === "available")
    return { view: teamsOwn, end: null, external: false };
  const own = teamsPresenceState(teamsOwn, { observedAt: 0, sourceVersion: "" });
  if (teamsOwn.presence !== undefined && availabilityRank(own.availability) >= externalRank(external))
    return { view: teamsOwn, end: null, external: false };
  return {
    view: { ...teamsOwn, presence: externalAsGraphPresence(external) },
    end: external.until,
    external: true,
  };
}

/** The Teams hold with the system's state as the session where it is more restrictive than the held one. */
export function teamsHoldWithExternal(hold: TeamsHold, external: ExternalState | null): TeamsHold {
  if (!external) return hold;
  const session = externalAsTeamsSession(external);
  if (!session) return hold;
  const held = hold.session
    ? teamsPresenceState({ presence: hold.session }, { observedAt: 0, sourceVersion: "" })
    : null;
  if (held && availabilityRank(held.availability) >= externalRank(external)) return hold;
  return { ...hold, session: { ...session, keepAlive: false } };
}
