import { newId } from "../ids.ts";
import { scheduleFields, snoozeFields } from "../world/dnd-fields.ts";
import { renderUser } from "../world/render.ts";
import type { User } from "../world/types.ts";
import type { SlackWorld } from "../world/world.ts";

export type InnerEvent = Record<string, unknown> & { type: string; event_ts: string };

/** `user_change`, `user_status_changed`, `user_huddle_changed`: the same full user object, different type. */
export function userEvent(world: SlackWorld, type: string, user: User, includeEmail: boolean): InnerEvent {
  return {
    type,
    user: renderUser(world, user, { includeEmail, includeLocale: true }),
    cache_ts: world.clock.nowSeconds(),
    event_ts: world.nextTs(),
  };
}

/** `dnd_updated` (to the person's own user-token subscription) carries the snooze fields. */
export function dndUpdated(world: SlackWorld, user: User): InnerEvent {
  const snooze = snoozeFields(world, user);
  delete snooze.snooze_is_indefinite;
  return {
    type: "dnd_updated",
    user: user.id,
    dnd_status: { ...scheduleFields(user), ...snooze },
    event_ts: world.nextTs(),
  };
}

/** `dnd_updated_user` has no snooze fields. */
export function dndUpdatedUser(world: SlackWorld, user: User): InnerEvent {
  return {
    type: "dnd_updated_user",
    user: user.id,
    dnd_status: scheduleFields(user),
    event_ts: world.nextTs(),
  };
}

export function tokensRevoked(world: SlackWorld, oauth: string[], bot: string[]): InnerEvent {
  const tokens: Record<string, string[]> = {};
  if (oauth.length > 0) tokens.oauth = oauth;
  if (bot.length > 0) tokens.bot = bot;
  return { type: "tokens_revoked", tokens, event_ts: world.nextTs() };
}

export function appUninstalled(world: SlackWorld): InnerEvent {
  return { type: "app_uninstalled", event_ts: world.nextTs() };
}

export function appHomeOpened(
  world: SlackWorld,
  appId: string,
  user: User,
  tab: "home" | "messages",
): InnerEvent {
  const key = `${appId}:${user.id}`;
  let channel = world.dmChannels.get(key);
  if (!channel) {
    channel = newId.dm();
    world.dmChannels.set(key, channel);
  }
  const event: InnerEvent = {
    type: "app_home_opened",
    user: user.id,
    channel,
    tab,
    event_ts: world.nextTs(),
  };
  const view = world.homeViews.get(key);
  if (view) {
    event.view = {
      id: view.id,
      team_id: view.teamId,
      type: "home",
      blocks: view.view.blocks,
      private_metadata: "",
      callback_id: "",
      state: { values: {} },
      hash: view.hash,
      clear_on_close: false,
      notify_on_close: false,
      root_view_id: view.id,
      app_id: view.appId,
      external_id: "",
      app_installed_team_id: view.teamId,
      bot_id: view.botId,
    };
  }
  return event;
}
