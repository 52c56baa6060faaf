import type { Observation } from "../sync/types.ts";

/*
 * Observe: how raw spoke input (an event, a notification, a poll) becomes the hub's observations.
 * Every inbound path hands the hub a SpokeObservation: who, which facets, the source's version
 * (comparable with core's compareVersions for the spoke) and where it came from (provenance).
 */

/** One change as a spoke's inbound path hands it to the hub. */
export interface SpokeObservation<Person, View> {
  subject: Person;
  facets: View;
  /** The source's version (Slack event_ts, Graph sequenceNumber); "" for a read without one. */
  version: string;
  observedAt: number;
  /** What produced it, "<spoke>:<kind>" (e.g. "slack:user_change", "graph:poll"), for the audit trail. */
  source: string;
  /** The source's event id, when it has one (deduplication of redeliveries). */
  eventId?: string;
}

export interface SpokeObserve<Person, View> {
  /** Negative when version `a` is older than `b` (core's compareVersions for this spoke). */
  compareVersions(a: string, b: string): number;
  /** The sources this spoke's inbound paths name (provenance of its observations). */
  sources: readonly string[];
  /** Reads the person's current state now through the spoke's own read path and hands it to the hub. */
  read(person: Person): Promise<void>;
  /** The hub's observation of an inbound one (what classifyObservation and decide() take). */
  toObservation(inbound: SpokeObservation<Person, View>): Observation;
}
