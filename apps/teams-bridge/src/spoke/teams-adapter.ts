import {
  compareTeamsVersions,
  entraPersonKey,
  entraPersonOf,
  teamsEcho,
  teamsLimits,
  teamsObservation,
  teamsWritePlan,
  type TeamsAdapter,
} from "@presence/core";
import type { DbClient } from "@presence/db";

import type { GraphAccess } from "../client/graph-access.ts";
import type { PresenceReader, ReadSource } from "../inbound/presence-reader.ts";
import type { TeamsSettings } from "../teams-settings.ts";
import { teamsHeldUntil, teamsWrites } from "../write/teams-writer.ts";
import { entraDirectory } from "./entra-directory.ts";

/** The parts of the Teams bridge the adapter is made of (a TeamsBridge has them all). */
export interface TeamsAdapterParts {
  graph: GraphAccess;
  reader: PresenceReader;
  settings: TeamsSettings;
  context: { db: DbClient };
}

/** Where Teams observations come from: polls, reconciliation reads and reads after notifications. */
export const TEAMS_OBSERVATION_SOURCES: readonly ReadSource[] = [
  "graph:poll",
  "graph:reconcile",
  "graph:notification",
];

/**
 * The Teams bridge as a spoke adapter: people are Entra tenant + object id, listed from /users;
 * presence comes in through getPresencesByUserId (polls, and reads after change notifications) with
 * Graph's sequenceNumber as version; writes are the app's own presence session, preferred presence
 * and status message; a held session is posted again before it expires or fades.
 */
export function createTeamsAdapter(parts: TeamsAdapterParts): TeamsAdapter {
  const { graph, reader, settings } = parts;
  const perform = teamsWrites(graph, settings.timing);
  return {
    spoke: "teams",
    identity: {
      personOf: entraPersonOf,
      key: entraPersonKey,
      directory: () => entraDirectory(graph, settings.tenantId),
    },
    observe: {
      compareVersions: compareTeamsVersions,
      sources: TEAMS_OBSERVATION_SOURCES,
      read: async (person) => void (await reader.read(person.tenantId, [person.userId], "graph:poll")),
      toObservation: teamsObservation,
    },
    write: { ...teamsWritePlan, perform },
    echo: teamsEcho,
    limits: teamsLimits,
    heldUntil: (hold, writtenAt) => teamsHeldUntil(hold, writtenAt, settings.timing),
  };
}
