import { EmulatorError } from "../emulator-error.ts";
import { newId } from "../ids.ts";
import type { Status, User } from "./types.ts";
import type { SlackWorld } from "./world.ts";

/** Slack's limit on `status_text`. */
export const STATUS_TEXT_MAX = 100;

function person(world: SlackWorld, userId: string): User {
  const user = world.user(userId);
  if (user.isBot) throw new EmulatorError("bot users have no status, DND or huddles");
  return user;
}

/** Stores a status and announces it (`user_change` + `user_status_changed`). */
export function writeStatus(world: SlackWorld, user: User, status: Status): void {
  user.status = { ...status };
  user.updated = world.clock.nowSeconds();
  world.emit({ kind: "user_changed", userId: user.id, status: true, huddle: false });
}

/** The person sets a custom status in their Slack client. */
export function setStatus(
  world: SlackWorld,
  userId: string,
  status: { text: string; emoji: string; expiration?: number },
): User {
  const user = person(world, userId);
  if ([...status.text].length > STATUS_TEXT_MAX)
    throw new EmulatorError(`status text is longer than ${STATUS_TEXT_MAX} characters`);
  writeStatus(world, user, { text: status.text, emoji: status.emoji, expiration: status.expiration ?? 0 });
  return user;
}

export function clearStatus(world: SlackWorld, userId: string): User {
  const user = person(world, userId);
  writeStatus(world, user, { text: "", emoji: "", expiration: 0 });
  return user;
}

/** The person joins a huddle (`user_change` + `user_huddle_changed`). */
export function joinHuddle(
  world: SlackWorld,
  userId: string,
  options: { callId?: string; expirationTs?: number },
): User {
  const user = person(world, userId);
  user.huddle = {
    state: "in_a_huddle",
    expirationTs: options.expirationTs ?? 0,
    callId: options.callId ?? newId.call(),
  };
  user.updated = world.clock.nowSeconds();
  world.emit({ kind: "user_changed", userId: user.id, status: false, huddle: true });
  return user;
}

export function leaveHuddle(world: SlackWorld, userId: string): User {
  const user = person(world, userId);
  user.huddle = { state: "default_unset", expirationTs: 0, callId: null };
  user.updated = world.clock.nowSeconds();
  world.emit({ kind: "user_changed", userId: user.id, status: false, huddle: true });
  return user;
}

export function snooze(world: SlackWorld, userId: string, minutes: number): User {
  const user = person(world, userId);
  user.dnd.snoozeEndtime = world.clock.nowSeconds() + minutes * 60;
  world.emit({ kind: "dnd_changed", userId: user.id });
  return user;
}

/** Ends a snooze; false when none was active. */
export function endSnooze(world: SlackWorld, userId: string): boolean {
  const user = person(world, userId);
  if (user.dnd.snoozeEndtime === null) return false;
  user.dnd.snoozeEndtime = null;
  world.emit({ kind: "dnd_changed", userId: user.id });
  return true;
}

/** A DND schedule (`dnd_enabled` with the next window), as set in the person's preferences. */
export function setDndSchedule(
  world: SlackWorld,
  userId: string,
  schedule: { enabled: boolean; nextStartTs: number; nextEndTs: number },
): User {
  const user = person(world, userId);
  user.dnd.enabled = schedule.enabled;
  user.dnd.nextStartTs = schedule.nextStartTs;
  user.dnd.nextEndTs = schedule.nextEndTs;
  world.emit({ kind: "dnd_changed", userId: user.id });
  return user;
}

/** Presence has no Events API event; these only change what `users.getPresence` reports. */
export function setManualAway(world: SlackWorld, userId: string, away: boolean): User {
  const user = world.user(userId);
  user.presence.manualAway = away;
  if (!away && !user.isBot) {
    user.presence.online = true;
    user.presence.autoAway = false;
    user.presence.lastActivity = world.clock.nowSeconds();
  }
  return user;
}

export function setOnline(world: SlackWorld, userId: string, online: boolean): User {
  const user = person(world, userId);
  user.presence.online = online;
  if (online) user.presence.lastActivity = world.clock.nowSeconds();
  return user;
}

export function isSnoozing(world: SlackWorld, user: User): boolean {
  return user.dnd.snoozeEndtime !== null && user.dnd.snoozeEndtime > world.clock.nowSeconds();
}

/** Applies what Slack does when time passes: statuses, huddles and snoozes expire (and are announced). */
export function expireTimedState(world: SlackWorld): void {
  const now = world.clock.nowSeconds();
  for (const user of world.users.values()) {
    if (user.status.expiration > 0 && user.status.expiration <= now) {
      writeStatus(world, user, { text: "", emoji: "", expiration: 0 });
    }
    if (
      user.huddle.state === "in_a_huddle" &&
      user.huddle.expirationTs > 0 &&
      user.huddle.expirationTs <= now
    ) {
      leaveHuddle(world, user.id);
    }
    if (user.dnd.snoozeEndtime !== null && user.dnd.snoozeEndtime <= now) {
      user.dnd.snoozeEndtime = null;
      world.emit({ kind: "dnd_changed", userId: user.id });
    }
  }
}
