import { compareVersions } from "../model/versions.ts";
import type { OutlookView } from "../model/schedule.ts";
import type { ObservedRecord, Observation } from "./types.ts";

export interface TakenOutlook {
  kind: "stale" | "duplicate" | "real";
  /** The record after taking the observation in (unchanged when stale). */
  record: ObservedRecord<OutlookView>;
  /** Facets that were stale (stale) or changed (real). */
  facets: string[];
}

/** Takes an Outlook observation in facet by facet: older versions are dropped, unchanged ones are duplicates. */
export function takeInOutlook(record: ObservedRecord<OutlookView>, observation: Observation): TakenOutlook {
  const incoming = observation.facets as Record<string, unknown>;
  const stale: string[] = [];
  const fresh: Record<string, unknown> = {};
  for (const [facet, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    const last = record.versions[facet];
    if (last !== undefined && compareVersions("outlook", observation.version, last) < 0) stale.push(facet);
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
  const next = { view: { ...record.view, ...fresh } as OutlookView, versions };
  return { kind: changed.length === 0 ? "duplicate" : "real", record: next, facets: changed };
}
