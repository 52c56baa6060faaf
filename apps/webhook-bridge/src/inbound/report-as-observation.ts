import { createHash } from "node:crypto";

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
 * by e-mail, deduplicated by the connection, the report's Idempotency-Key and its body — a retry (same key,
 * same body) is taken in once; a different report reusing a key is not mistaken for the retry of another.
 */
export function reportAsObservation(
  connectionId: string,
  idempotencyKey: string,
  report: { email: string; occurredAt: number; state: ExternalState | null },
  receivedAt: number,
  rawBody: Buffer | string = "",
): ObserveJob {
  const bodyHash = createHash("sha256").update(rawBody).digest("hex").slice(0, 16);
  return {
    subject: { side: "webhook", connectionId, email: report.email },
    facets: { [connectionId]: report.state },
    version: reportVersion(report.occurredAt),
    observedAt: receivedAt,
    source: reportSource(connectionId),
    eventId: `webhook:${connectionId}:${idempotencyKey}:${bodyHash}`,
  };
}
