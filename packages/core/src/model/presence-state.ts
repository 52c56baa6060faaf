import { z } from "zod";

import { ZAvailability, ZSide } from "./vocabulary.ts";

/**
 * Canonical activity: Graph's activities (camelCase) plus what only Slack expresses.
 * `available` also stands for a cleared Slack status.
 */
export const ACTIVITIES = [
  "available",
  "away",
  "beRightBack",
  "busy",
  "doNotDisturb",
  "inACall",
  "inAConferenceCall",
  "inactive",
  "inAMeeting",
  "offline",
  "offWork",
  "outOfOffice",
  "presenting",
  "urgentInterruptionsOnly",
  "unknown",
  "huddle",
  "focus",
  "commuting",
  "sick",
  "vacation",
  "lunch",
  "custom",
] as const;
export const ZActivity = z.enum(ACTIVITIES);
export type Activity = z.infer<typeof ZActivity>;

/**
 * The hub's view of one person's availability on one side, as observed there and excluding what
 * the bridge itself holds on that side.
 */
export const ZPresenceState = z.object({
  side: ZSide,
  availability: ZAvailability,
  activity: ZActivity,
  outOfOffice: z.boolean(),
  /** Free status text as the person wrote it (marker stripped); "" when none. */
  statusText: z.string(),
  /** Slack emoji code (`:palm_tree:`); "" on Teams or when none. */
  statusEmoji: z.string(),
  /** When the status ends, epoch ms; null when open-ended or unknown. */
  expiresAt: z.number().nullable(),
  /** When the newest facet was observed, epoch ms. */
  observedAt: z.number(),
  /** Source version of the newest facet: Graph sequenceNumber or Slack event_ts. */
  sourceVersion: z.string(),
});
export type PresenceState = z.infer<typeof ZPresenceState>;
