import type { TeamsView } from "../model/facets.ts";
import { expectedTeamsEchoes, viewFingerprints } from "../model/fingerprint.ts";
import { TEAMS_HOLD_FACETS, type TeamsHold } from "../model/hold.ts";
import { compareVersions } from "../model/versions.ts";
import type { Observation } from "../sync/types.ts";
import { planTeamsWrites, type TeamsWriteOp } from "../sync/write-plan.ts";
import type { EntraPerson, LinkedIds } from "./spoke-identity.ts";
import type { SpokeLimits } from "./spoke-limits.ts";
import type { SpokeObservation } from "./spoke-observe.ts";
import type { SpokeEcho, SpokeWrite } from "./spoke-write.ts";

/* The pure parts of the Teams adapter: the Teams bridge adds its I/O (Graph reads, writes, directory). */

/** Graph presence: 1,500 requests per 30 s per app and tenant, reads and writes together. */
export const GRAPH_PRESENCE_REQUESTS_PER_30_SECONDS = 1500;
/** getPresencesByUserId reads at most 650 people per request. */
export const GRAPH_PRESENCE_IDS_PER_READ = 650;

export function entraPersonOf(link: LinkedIds): EntraPerson {
  return { tenantId: link.tenantId, userId: link.entraUserId };
}

export function entraPersonKey(person: EntraPerson): string {
  return `entra:${person.tenantId.toLowerCase()}:${person.userId.toLowerCase()}`;
}

export function compareTeamsVersions(a: string, b: string): number {
  return compareVersions("teams", a, b);
}

export function teamsObservation(inbound: SpokeObservation<EntraPerson, TeamsView>): Observation {
  return { side: "teams", facets: inbound.facets, version: inbound.version, observedAt: inbound.observedAt };
}

export const teamsWritePlan: Pick<SpokeWrite<EntraPerson, TeamsHold, TeamsWriteOp>, "facets" | "plan"> = {
  facets: TEAMS_HOLD_FACETS,
  plan: planTeamsWrites,
};

export const teamsEcho: SpokeEcho<TeamsView, TeamsHold, TeamsWriteOp> = {
  expected: (op, hold) => expectedTeamsEchoes(op.facet, hold),
  fingerprints: (view) => viewFingerprints("teams", view),
};

export const teamsLimits: SpokeLimits = {
  budgets: [
    {
      name: "Graph presence (getPresencesByUserId and presence writes)",
      scope: "app",
      calls: GRAPH_PRESENCE_REQUESTS_PER_30_SECONDS,
      windowMs: 30_000,
    },
  ],
};
