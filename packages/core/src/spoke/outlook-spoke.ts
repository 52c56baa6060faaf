import type { OutlookView } from "../model/schedule.ts";
import { compareVersions } from "../model/versions.ts";
import type { Observation } from "../sync/types.ts";
import type { EntraPerson } from "./spoke-identity.ts";
import type { SpokeLimits } from "./spoke-limits.ts";
import type { SpokeObservation } from "./spoke-observe.ts";

/*
 * The pure parts of the Outlook adapter (read only): people are Entra accounts like Teams' (the mailbox
 * of the person's account), so identity is Teams'; the Teams bridge adds its I/O (calendarView and
 * mailboxSettings reads, the directory).
 */

/** Outlook's service limits per app and mailbox: requests per 10 minutes, and requests in flight. */
export const OUTLOOK_REQUESTS_PER_10_MINUTES = 10_000;
export const OUTLOOK_CONCURRENT_REQUESTS = 4;

/** Outlook versions are the read time as 15 digits: a later read wins (plain string order). */
export function compareOutlookVersions(a: string, b: string): number {
  return compareVersions("outlook", a, b);
}

export function outlookObservation(inbound: SpokeObservation<EntraPerson, OutlookView>): Observation {
  return {
    side: "outlook",
    facets: inbound.facets,
    version: inbound.version,
    observedAt: inbound.observedAt,
  };
}

export const outlookLimits: SpokeLimits = {
  budgets: [
    {
      name: "Outlook requests (calendarView, mailboxSettings) per app and mailbox",
      scope: "person",
      calls: OUTLOOK_REQUESTS_PER_10_MINUTES,
      windowMs: 10 * 60_000,
      concurrent: OUTLOOK_CONCURRENT_REQUESTS,
    },
  ],
};
