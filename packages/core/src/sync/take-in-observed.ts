import { compareVersions } from "../model/versions.ts";
import type { ObservedRecord, Observation } from "./types.ts";

export interface TakenObservation<R> {
  kind: "stale" | "duplicate" | "real";
  /** The record after taking the observation in (unchanged when stale). */
  record: R;
  /** Facets that were stale (stale) or changed (real). */
  facets: string[];
}

/**
 * Takes an observation of a spoke the bridge does not mirror (Outlook, webhook systems) in facet by
 * facet: older versions are dropped, unchanged values are duplicates.
 */
export function takeInObserved<View extends object, R extends ObservedRecord<View>>(
  record: R,
  observation: Observation,
): TakenObservation<R> {
  const incoming = observation.facets as Record<string, unknown>;
  const stale: string[] = [];
  const fresh: Record<string, unknown> = {};
  for (const [facet, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    const last = record.versions[facet];
    if (last !== undefined && compareVersions(observation.side, observation.version, last) < 0)
      stale.push(facet);
    else fresh[facet] = value;
  }
  if (Object.keys(fresh).length === 0) return { kind: "stale", record, facets: stale };
  const before = record.view as Record<string, unknown>;
  const changed = Object.keys(fresh).filter(
    (facet) => JSON.stringify(before[facet]) !== JSON.stringify(fresh[facet]),
  );
  const versions = { ...record.versions };
  if (observation.version !== "")
    for (const facet of Object.keys(fresh)) versions[facet] = observation.version;
  const next = { ...record, view: { ...record.view, ...fresh } as View, versions };
  return { kind: changed.length === 0 ? "duplicate" : "real", record: next, facets: changed };
}
