import type { SlackView } from "@presence/core";
import { z } from "zod";

/*
 * Slack's shapes → the canonical Slack facets, faithfully: nothing is filtered or interpreted here
 * (echoes, duplicates and stale input are the pipeline's business). Slack times are Unix seconds;
 * the canonical model uses epoch milliseconds.
 */

/** The profile fields that carry state (users.profile.get, users.info, user_change …). */
export const ZSlackProfile = z
  .object({
    status_text: z.string().optional(),
    status_emoji: z.string().optional(),
    status_expiration: z.number().optional(),
    huddle_state: z.string().optional(),
  })
  .loose();
export type SlackProfile = z.infer<typeof ZSlackProfile>;

/** The user object of `user_change`, `user_status_changed` and `user_huddle_changed` (and users.info). */
export const ZSlackUser = z
  .object({
    id: z.string().min(1),
    team_id: z.string().optional(),
    is_bot: z.boolean().optional(),
    deleted: z.boolean().optional(),
    profile: ZSlackProfile.default({}),
  })
  .loose();
export type SlackUser = z.infer<typeof ZSlackUser>;

/** `dnd_status` of `dnd_updated` / `dnd_updated_user`, and the answer of dnd.info. */
export const ZDndStatus = z
  .object({
    dnd_enabled: z.boolean().optional(),
    snooze_enabled: z.boolean().optional(),
    snooze_endtime: z.number().optional(),
  })
  .loose();
export type DndStatus = z.infer<typeof ZDndStatus>;

/** Status (always; cleared = "" and "") and huddle (when the profile says) of one profile. */
export function normaliseProfile(profile: SlackProfile): SlackView {
  const expiration = profile.status_expiration ?? 0;
  const view: SlackView = {
    status: {
      text: profile.status_text ?? "",
      emoji: profile.status_emoji ?? "",
      expiresAt: expiration > 0 ? expiration * 1000 : null,
    },
  };
  if (profile.huddle_state !== undefined) view.huddle = { inHuddle: profile.huddle_state === "in_a_huddle" };
  return view;
}

/**
 * The snooze part of a DND status, or null when it carries no snooze fields (`dnd_updated_user`,
 * or dnd.info about someone else): then only the person's own token can tell.
 */
export function normaliseDnd(status: DndStatus): SlackView | null {
  if (status.snooze_enabled === undefined) return null;
  const snoozed = status.snooze_enabled;
  const until = snoozed && status.snooze_endtime ? status.snooze_endtime * 1000 : null;
  return { dnd: { snoozed, until } };
}
