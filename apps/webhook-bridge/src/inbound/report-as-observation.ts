import type { ExternalState } from "@presence/core";
import type { ObserveJob } from "@presence/pipeline";

/** What the version of a report is: its occurredAt, as 15 digits (versions compare as text). */
export function reportVersion(occurredAt: number): string {
  return String(occurredAt).padStart(15, "0");
}

/** Where a system's reports come from (provenance of its observations). */
export function reportSource(connectionId: string): string {
  return `webhook:${connectionId}`;
}

/**
 * A checked report as the hub's observation: the system's facet (its connection) for the person it names
 * by e-mail, deduplicated by the connection and the report's Idempotency-Key.
 */
export function reportAsObservation(
  connectionId: string,
  idempotencyKey: string,
  report: { email: string; occurredAt: number; state: ExternalState | null },
  receivedAt: number,
): ObserveJob {
  return {
    subject: { side: "webhook", connectionId, email: report.email },
    facets: { [connectionId]: report.state },
    version: reportVersion(report.occurredAt),
    observedAt: receivedAt,
    source: reportSource(connectionId),
    eventId: `webhook:${connectionId}:${idempotencyKey}`,
  };
}
