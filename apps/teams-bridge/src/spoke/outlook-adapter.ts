import {
  compareOutlookVersions,
  entraPersonKey,
  entraPersonOf,
  outlookLimits,
  outlookObservation,
  type OutlookAdapter,
} from "@presence/core";

import type { GraphAccess } from "../client/graph-access.ts";
import { OUTLOOK_READ_SOURCE, type ScheduleReader } from "../outlook/schedule-reader.ts";
import type { TeamsSettings } from "../teams-settings.ts";
import { entraDirectory } from "./entra-directory.ts";

/** The parts of the Teams bridge the Outlook adapter is made of (a TeamsBridge has them all). */
export interface OutlookAdapterParts {
  graph: GraphAccess;
  schedules: ScheduleReader;
  settings: TeamsSettings;
}

/** Where Outlook observations come from: the schedule reader's reads. */
export const OUTLOOK_OBSERVATION_SOURCES: readonly string[] = [OUTLOOK_READ_SOURCE];

/**
 * The Outlook spoke as a (read-only) adapter: a mailbox is the person's Entra account, so people and
 * the directory are Teams' (/users); the calendar's busy blocks and the automatic replies come in
 * through the schedule reader (calendarView and mailboxSettings, free/busy only), with the read time as
 * version. A read of one person is the reader's read of one mailbox: a 429 throws rate_limited with
 * Retry-After, a missing mailbox or a passing Graph failure is left to the next read.
 */
export function createOutlookAdapter(parts: OutlookAdapterParts): OutlookAdapter {
  const { graph, schedules, settings } = parts;
  return {
    spoke: "outlook",
    identity: {
      personOf: entraPersonOf,
      key: entraPersonKey,
      directory: () => entraDirectory(graph, settings.tenantId),
    },
    observe: {
      compareVersions: compareOutlookVersions,
      sources: OUTLOOK_OBSERVATION_SOURCES,
      read: async (person) => void (await schedules.read(person.tenantId, [person.userId])),
      toObservation: outlookObservation,
    },
    limits: outlookLimits,
  };
}
