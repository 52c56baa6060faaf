import { z } from "zod";

import { ZGraphActivity, ZGraphAvailability } from "./vocabulary.ts";

/*
 * A hold is what the bridge wants to keep on one side for a link, facet by facet. A missing facet
 * means "the bridge holds nothing there": if it wrote that facet before, the write step releases it
 * (clears the Slack status, ends the snooze, sets presence back to auto, clears the Teams session…).
 * The write step turns the difference between the hold and what was last written into API calls.
 */

export const ZSlackHold = z.object({
  status: z
    .object({
      text: z.string(),
      emoji: z.string(),
      expiresAt: z.number().nullable(),
      /**
       * The expiry is when the state is known to end (a meeting's end, out of office's end, from the
       * Outlook spoke): Slack clears the status by itself then, so it is never refreshed, extended or
       * cleared by a second write.
       */
      fixed: z.literal(true).optional(),
    })
    .optional(),
  dnd: z.object({ until: z.number() }).optional(),
  presence: z.object({ away: z.literal(true) }).optional(),
});
export type SlackHold = z.infer<typeof ZSlackHold>;

const ZPair = z.object({ availability: ZGraphAvailability, activity: ZGraphActivity });

export const ZTeamsHold = z.object({
  /** The app's own presence session (setPresence with sessionId = client id). */
  session: ZPair.extend({ keepAlive: z.boolean() }).optional(),
  /** setUserPreferredPresence: only when a policy opts in, because it overrides the person's own choice. */
  preferred: ZPair.optional(),
  statusMessage: z.object({ text: z.string(), expiresAt: z.number().nullable() }).optional(),
});
export type TeamsHold = z.infer<typeof ZTeamsHold>;

export type SlackHoldFacet = keyof SlackHold;
export type TeamsHoldFacet = keyof TeamsHold;
export const SLACK_HOLD_FACETS: readonly SlackHoldFacet[] = ["status", "dnd", "presence"];
export const TEAMS_HOLD_FACETS: readonly TeamsHoldFacet[] = ["session", "preferred", "statusMessage"];

/** A side-tagged hold, so code that handles either side stays type-safe. */
export type Hold = { side: "slack"; hold: SlackHold } | { side: "teams"; hold: TeamsHold };

/** Whether a held Slack status ends by itself at a known time that has passed (Slack cleared it). */
export function slackStatusLapsed(status: SlackHold["status"], now: number): boolean {
  return status?.fixed === true && status.expiresAt !== null && status.expiresAt <= now;
}

/** The hold without a fixed-expiry status that has lapsed: Slack shows nothing there any more. */
export function withoutLapsedSlackStatus(hold: SlackHold, now: number): SlackHold {
  if (!slackStatusLapsed(hold.status, now)) return hold;
  const rest = { ...hold };
  delete rest.status;
  return rest;
}
