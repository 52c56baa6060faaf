import { z } from "zod";

import { ZGraphActivity, ZGraphAvailability } from "./vocabulary.ts";

/*
 * A side's state is a set of independent facets, because each arrives through its own event or
 * poll (Slack: user_change carries status and huddle, dnd_updated carries DND; Graph: presence,
 * out-of-office and status message come together but are written by different calls).
 * Times are epoch milliseconds.
 */

/** Slack custom status. Cleared = text "" and emoji "". */
export const ZSlackStatus = z.object({
  text: z.string(),
  emoji: z.string(),
  expiresAt: z.number().nullable(),
});
export type SlackStatus = z.infer<typeof ZSlackStatus>;

/** Slack DND snooze (the user-controlled part of DND; the DND schedule is not mirrored). */
export const ZSlackDnd = z.object({
  snoozed: z.boolean(),
  until: z.number().nullable(),
});
export type SlackDnd = z.infer<typeof ZSlackDnd>;

export const ZSlackHuddle = z.object({ inHuddle: z.boolean() });
export type SlackHuddle = z.infer<typeof ZSlackHuddle>;

/** Slack presence: `away` is true when Slack shows the person away (manual or automatic). */
export const ZSlackPresence = z.object({ away: z.boolean() });
export type SlackPresence = z.infer<typeof ZSlackPresence>;

/** Everything observed on the Slack side. A missing facet was never observed. */
export const ZSlackView = z.object({
  status: ZSlackStatus.optional(),
  dnd: ZSlackDnd.optional(),
  huddle: ZSlackHuddle.optional(),
  presence: ZSlackPresence.optional(),
});
export type SlackView = z.infer<typeof ZSlackView>;

/** Graph's aggregated presence (never says which session caused it). */
export const ZTeamsPresence = z.object({
  availability: ZGraphAvailability,
  activity: ZGraphActivity,
});
export type TeamsPresence = z.infer<typeof ZTeamsPresence>;

export const ZTeamsOutOfOffice = z.object({ isOutOfOffice: z.boolean() });
export type TeamsOutOfOffice = z.infer<typeof ZTeamsOutOfOffice>;

/** Teams status message. Cleared = text "". Graph omits the expiry when reading other users. */
export const ZTeamsStatusMessage = z.object({
  text: z.string(),
  expiresAt: z.number().nullable(),
});
export type TeamsStatusMessage = z.infer<typeof ZTeamsStatusMessage>;

export const ZTeamsView = z.object({
  presence: ZTeamsPresence.optional(),
  outOfOffice: ZTeamsOutOfOffice.optional(),
  statusMessage: ZTeamsStatusMessage.optional(),
});
export type TeamsView = z.infer<typeof ZTeamsView>;

export const SLACK_FACETS = ["status", "dnd", "huddle", "presence"] as const;
export type SlackFacet = (typeof SLACK_FACETS)[number];
export const TEAMS_FACETS = ["presence", "outOfOffice", "statusMessage"] as const;
export type TeamsFacet = (typeof TEAMS_FACETS)[number];
export type Facet = SlackFacet | TeamsFacet;
