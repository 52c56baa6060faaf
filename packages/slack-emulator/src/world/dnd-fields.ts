import { isSnoozing } from "./people.ts";
import type { User } from "./types.ts";
import type { SlackWorld } from "./world.ts";

/** Snooze fields, which Slack shows only to the person themselves (endtime/remaining only while snoozed). */
export function snoozeFields(world: SlackWorld, user: User): Record<string, unknown> {
  if (!isSnoozing(world, user) || user.dnd.snoozeEndtime === null) return { snooze_enabled: false };
  return {
    snooze_enabled: true,
    snooze_endtime: user.dnd.snoozeEndtime,
    snooze_remaining: user.dnd.snoozeEndtime - world.clock.nowSeconds(),
    snooze_is_indefinite: false,
  };
}

export function scheduleFields(user: User): Record<string, unknown> {
  return {
    dnd_enabled: user.dnd.enabled,
    next_dnd_start_ts: user.dnd.nextStartTs,
    next_dnd_end_ts: user.dnd.nextEndTs,
  };
}
