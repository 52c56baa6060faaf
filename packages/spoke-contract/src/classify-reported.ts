import {
  classifyObservation,
  decide,
  defaultRuleSet,
  defaultSettings,
  externalStateFingerprint,
  type ExternalState,
  type Observation,
  type PendingExpectation,
  type SideRecord,
} from "@presence/core";

import { linkWithSide } from "./side-snapshot.ts";

/** What core made of one reported observation, as the write contract checks it. */
export interface ReportedClass {
  /** Some facet matched the write's expectations (an echo). */
  echo: boolean;
  /** Facets taken as the person's (or the system's) own change: none may follow a write of the bridge. */
  ownFacets: string[];
}

type SpokeRecord = SideRecord<object, object>;

/**
 * Classifies an observation as the pipeline would, with `record` as the spoke's record: a mirrored
 * side (Slack, Teams) through classifyObservation; any other spoke (a webhook system) through decide(),
 * where an echo leaves the system with no state of its own.
 */
export function classifyReported(
  record: SpokeRecord,
  observation: Observation,
  expectations: readonly PendingExpectation[],
): { record: SpokeRecord; cls: ReportedClass } {
  const link = linkWithSide(observation, record);
  const now = Date.now();
  if (observation.side === "slack" || observation.side === "teams") {
    const { cls, view, versions } = classifyObservation(
      link,
      observation,
      expectations,
      defaultSettings(),
      now,
    );
    return {
      record: { ...record, view, versions },
      cls: {
        echo: cls.kind === "echo" || (cls.kind === "real" && cls.echoFacets.length > 0),
        // After a Teams session or preferred-presence write, the person's own state that the write
        // revealed is real but induced (mirrored onward, never written back): not their own change.
        ownFacets: cls.kind === "real" ? cls.realFacets.filter((f) => !cls.inducedFacets.includes(f)) : [],
      },
    };
  }
  const decision = decide({
    link,
    observation,
    expectations,
    rules: defaultRuleSet(),
    settings: defaultSettings(),
    now,
    recentWrites: 0,
  });
  const taken: { view: object; versions: SpokeRecord["versions"] } = decision[observation.side];
  const before = record.view as { [facet: string]: unknown };
  const after = taken.view as { [facet: string]: unknown };
  // The connections whose report was the bridge's own state coming back (decide() then sets them to nothing).
  const echoed = decision.events
    .filter((e) => e.kind === "echo_dropped")
    .flatMap((e) => (Array.isArray(e.detail.connections) ? (e.detail.connections as string[]) : []));
  // A report equal to what the spoke already showed, and to what the bridge just sent, is its echo too.
  const reported = observation.facets as { [facet: string]: ExternalState | null };
  const expectedAgain =
    decision.events.some((e) => e.kind === "duplicate_dropped") &&
    Object.entries(reported).some(([facet, state]) =>
      expectations.some(
        (e) =>
          e.side === observation.side &&
          e.facet === facet &&
          e.fingerprint === externalStateFingerprint(state),
      ),
    );
  return {
    record: { ...record, view: taken.view, versions: taken.versions },
    cls: {
      echo: echoed.length > 0 || expectedAgain,
      ownFacets: Object.keys(after).filter(
        (f) => !echoed.includes(f) && JSON.stringify(after[f]) !== JSON.stringify(before[f]),
      ),
    },
  };
}
