import { ZEmail, ZExternalActivity, ZExternalAvailability, type ExternalState } from "@presence/core";
import { z } from "zod";

/*
 * What a system sends to POST /webhooks/<connectionId> (docs/webhook-spoke.md, "Reporting a state"):
 *   { "person": { "email": "…" },
 *     "state": { "availability": "busy", "activity": "inACall", "until": null } | null,
 *     "occurredAt": "2026-12-04T15:15:44Z" }
 * Unknown fields are ignored (systems may send more); the known ones are checked strictly.
 */

const isoTime = z.iso.datetime({
  offset: true,
  message: "must be an ISO 8601 time, e.g. 2026-12-04T15:15:44Z",
});

/** Earliest occurredAt accepted (a version is its epoch ms, 15 digits). */
const EARLIEST = Date.UTC(2000, 0, 1);

export const ZInboundReport = z.object({
  person: z.object({ email: ZEmail }),
  /** The person's state in the system; null = the system reports nothing now (a call ended, signed out). */
  state: z
    .object({
      availability: ZExternalAvailability,
      activity: ZExternalActivity,
      /** When the state ends by itself; null or absent = until the system reports otherwise. */
      until: isoTime.nullable().default(null),
    })
    .nullable(),
  /** When the state began in the system: a later report wins over an earlier one. */
  occurredAt: isoTime,
});
export type InboundReport = z.infer<typeof ZInboundReport>;

/** A report as the hub sees it: times in epoch ms. Throws a message for a time that cannot be right. */
export function reportTimes(
  report: InboundReport,
  now: number,
  toleranceMs: number,
): { occurredAt: number; state: ExternalState | null } | { problem: string } {
  const occurredAt = Date.parse(report.occurredAt);
  if (occurredAt < EARLIEST) return { problem: "occurredAt: must be after 2000-01-01" };
  if (occurredAt > now + toleranceMs) return { problem: "occurredAt: is in the future" };
  if (!report.state) return { occurredAt, state: null };
  const until = report.state.until === null ? null : Date.parse(report.state.until);
  if (until !== null && until <= occurredAt) return { problem: "state.until: must be after occurredAt" };
  return {
    occurredAt,
    state: { availability: report.state.availability, activity: report.state.activity, until },
  };
}
