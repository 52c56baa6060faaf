import {
  entraPersonOf,
  isBridgeError,
  toIsoDuration,
  type EntraPerson,
  type HeldUntil,
  type TeamsHold,
  type TeamsWriteOp,
} from "@presence/core";
import type { TeamsSideWriter } from "@presence/pipeline";

import type { GraphAccess } from "../client/graph-access.ts";
import type { TeamsTiming } from "../teams-settings.ts";

/**
 * The pipeline's Teams writer: one Graph call per op, with the app's own token
 * (Presence.ReadWrite.All). The session is the app's (`sessionId` = the app's client id) and always
 * carries an expiry (GRAPH_SESSION_EXPIRY_MINUTES), so a session the bridge stops refreshing — the
 * bridge stopped, the link was removed — goes away by itself.
 */
export function createTeamsWriter(graph: GraphAccess, timing: TeamsTiming): TeamsSideWriter {
  const perform = teamsWrites(graph, timing);
  return {
    side: "teams",
    perform: (link, op) => perform(entraPersonOf(link), op),
    heldUntil: (hold, writtenAt) => teamsHeldUntil(hold, writtenAt, timing),
  };
}

/** One Graph call per op for a person (the Teams adapter's `write.perform`). */
export function teamsWrites(
  graph: GraphAccess,
  timing: TeamsTiming,
): (person: EntraPerson, op: TeamsWriteOp) => Promise<void> {
  const sessionId = graph.settings.clientId;
  const expirationDuration = toIsoDuration(timing.sessionExpiryMinutes);
  const post = (person: EntraPerson, action: string, body: object) =>
    graph.appCall(`${action} for ${person.userId}`, (client) =>
      client.api(`/users/${encodeURIComponent(person.userId)}/presence/${action}`).post(body),
    );

  return (person, op) =>
    performTeamsOp(op, {
      setPresence: (value) =>
        post(person, "setPresence", {
          sessionId,
          availability: value.availability,
          activity: value.activity,
          expirationDuration,
        }),
      clearPresence: async () => {
        try {
          await post(person, "clearPresence", { sessionId });
        } catch (error) {
          // "If the presence session doesn't exist, this method returns a 404": already gone is done.
          if (!isBridgeError(error, "not_found")) throw error;
        }
      },
      setPreferred: (value) =>
        post(person, "setUserPreferredPresence", {
          availability: value.availability,
          activity: value.activity,
          expirationDuration,
        }),
      clearPreferred: () => post(person, "clearUserPreferredPresence", {}),
      setStatusMessage: (value) =>
        post(person, "setStatusMessage", {
          statusMessage: {
            message: { content: value.text, contentType: "text" },
            ...(value.expiresAt === null ? {} : { expiryDateTime: graphDateTimeUtc(value.expiresAt) }),
          },
        }),
      // There is no clearStatusMessage: an empty message clears it.
      clearStatusMessage: () =>
        post(person, "setStatusMessage", {
          statusMessage: { message: { content: "", contentType: "text" } },
        }),
    });
}

interface TeamsCalls {
  setPresence(value: NonNullable<TeamsHold["session"]>): Promise<unknown>;
  clearPresence(): Promise<unknown>;
  setPreferred(value: NonNullable<TeamsHold["preferred"]>): Promise<unknown>;
  clearPreferred(): Promise<unknown>;
  setStatusMessage(value: NonNullable<TeamsHold["statusMessage"]>): Promise<unknown>;
  clearStatusMessage(): Promise<unknown>;
}

async function performTeamsOp(op: TeamsWriteOp, calls: TeamsCalls): Promise<void> {
  switch (op.facet) {
    case "session":
      await (op.action === "set" ? calls.setPresence(op.value) : calls.clearPresence());
      return;
    case "preferred":
      await (op.action === "set" ? calls.setPreferred(op.value) : calls.clearPreferred());
      return;
    case "statusMessage":
      await (op.action === "set" ? calls.setStatusMessage(op.value) : calls.clearStatusMessage());
      return;
  }
}

/**
 * Until when what the bridge holds in Teams lasts without a new post: a kept-alive Available session
 * must be posted again before Graph fades it (GRAPH_KEEPALIVE_INTERVAL_SECONDS, under 5 min), any other
 * held session (and a preferred presence, which only shows while a session exists) before its expiry
 * (GRAPH_SESSION_REFRESH_SECONDS). An Available session no rule asked to keep alive is left to fade:
 * re-posting it would bring a stale Available back. The status message carries its own expiry.
 */
export function teamsHeldUntil(
  hold: TeamsHold,
  writtenAt: number,
  timing: Pick<TeamsTiming, "keepAliveIntervalMs" | "sessionRefreshMs">,
): HeldUntil | null {
  const facets: string[] = [];
  let every = Number.POSITIVE_INFINITY;
  const session = hold.session;
  if (session) {
    if (session.availability !== "Available") {
      facets.push("session");
      every = timing.sessionRefreshMs;
    } else if (session.keepAlive) {
      facets.push("session");
      every = Math.min(timing.keepAliveIntervalMs, timing.sessionRefreshMs);
    }
  }
  if (hold.preferred) {
    facets.push("preferred");
    every = Math.min(every, timing.sessionRefreshMs);
  }
  return facets.length === 0 ? null : { at: writtenAt + every, facets };
}

/** dateTimeTimeZone in UTC: `dateTime` without a zone designator, `timeZone` "UTC". */
export function graphDateTimeUtc(epochMs: number): { dateTime: string; timeZone: string } {
  return { dateTime: new Date(epochMs).toISOString().replace(/Z$/, ""), timeZone: "UTC" };
}
