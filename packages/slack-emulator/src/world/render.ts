import { roleRank } from "./roles.ts";
import type { User } from "./types.ts";
import type { SlackWorld } from "./world.ts";

export interface RenderOptions {
  /** `users:read.email` was granted: profiles carry `email`. */
  includeEmail: boolean;
  includeLocale?: boolean;
}

const IMAGE_SIZES = [24, 32, 48, 72, 192, 512] as const;

/** A person's avatar at one size (`image_<size>`), on Slack's avatar host. */
export function avatarUrl(user: User, size: number): string {
  return `https://avatars.slack-edge.com/emulated/${user.avatarHash}_${size}.png`;
}

function normalized(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
}

/** A profile object as `users.profile.get`/`set` and `user_change` render it (spec `objs_user_profile` + huddle fields). */
export function renderProfile(
  world: SlackWorld,
  user: User,
  options: RenderOptions,
): Record<string, unknown> {
  const images = Object.fromEntries(IMAGE_SIZES.map((size) => [`image_${size}`, avatarUrl(user, size)]));
  const profile: Record<string, unknown> = {
    title: user.profile.title,
    phone: user.profile.phone,
    skype: user.profile.skype,
    real_name: user.profile.realName,
    real_name_normalized: normalized(user.profile.realName),
    display_name: user.profile.displayName,
    display_name_normalized: normalized(user.profile.displayName),
    fields: {},
    status_text: user.status.text,
    status_emoji: user.status.emoji,
    status_emoji_display_info: [],
    status_expiration: user.status.expiration,
    status_text_canonical: "",
    avatar_hash: user.avatarHash,
    pronouns: user.profile.pronouns,
    huddle_state: user.huddle.state,
    huddle_state_expiration_ts: user.huddle.expirationTs,
    first_name: user.profile.firstName,
    last_name: user.profile.lastName,
    ...images,
    team: user.teamId,
  };
  if (user.huddle.callId !== null) profile.huddle_state_call_id = user.huddle.callId;
  if (options.includeEmail && user.email !== null) profile.email = user.email;
  if (user.isBot) {
    profile.bot_id = user.botId ?? "";
    profile.api_app_id = user.appId ?? "";
    profile.always_active = false;
  }
  return profile;
}

/** A user object as `users.info`/`users.list` and `user_change` render it (spec `objs_user`). */
export function renderUser(world: SlackWorld, user: User, options: RenderOptions): Record<string, unknown> {
  const ws = world.workspace(user.teamId);
  const rank = roleRank(user.role);
  const rendered: Record<string, unknown> = {
    id: user.id,
    team_id: user.teamId,
    name: user.name,
    deleted: user.deleted,
    color: user.color,
    real_name: user.profile.realName,
    tz: user.tz,
    tz_label: user.tzLabel,
    tz_offset: user.tzOffset,
    profile: renderProfile(world, user, options),
    is_admin: rank >= 2,
    is_owner: rank >= 3,
    is_primary_owner: rank === 4,
    is_restricted: user.role === "guest",
    is_ultra_restricted: false,
    is_bot: user.isBot,
    is_app_user: false,
    updated: user.updated,
    has_2fa: false,
  };
  if (options.includeLocale) rendered.locale = "en-US";
  if (ws.enterpriseId !== null) {
    const orgRank = user.orgRole === null ? 0 : roleRank(user.orgRole);
    rendered.enterprise_user = {
      id: user.id,
      enterprise_id: ws.enterpriseId,
      enterprise_name: world.enterprise(ws.enterpriseId).name,
      is_admin: orgRank >= 2,
      is_owner: orgRank >= 3,
      teams: [user.teamId],
    };
  }
  return rendered;
}
