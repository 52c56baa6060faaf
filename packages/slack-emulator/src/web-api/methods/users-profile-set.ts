import { STATUS_TEXT_MAX } from "../../world/people.ts";
import { renderProfile } from "../../world/render.ts";
import { effectiveAdminRole, roleRank } from "../../world/roles.ts";
import type { Status, User } from "../../world/types.ts";
import type { SlackWorld } from "../../world/world.ts";
import { ApiError } from "../api-error.ts";
import { jsonArgument, stringArgument } from "../api-request.ts";
import { profileArgument } from "../argument-shapes.ts";
import type { MethodContext, MethodDefinition } from "../method-definition.ts";
import { callerOf } from "../method-definition.ts";
import { emailVisible, visibleUser } from "./visibility.ts";

const DISPLAY_NAME_MAX = 80;
const NAME_PART_MAX = 35;
const EMOJI = /^:[a-z0-9_+'-]+:(:skin-tone-[2-6]:)?$/;
const STATUS_KEYS = ["status_text", "status_emoji", "status_expiration"] as const;
const TEXT_FIELDS = {
  display_name: "displayName",
  real_name: "realName",
  first_name: "firstName",
  last_name: "lastName",
  title: "title",
  phone: "phone",
  skype: "skype",
  pronouns: "pronouns",
} as const;

function targetId(ctx: MethodContext): string {
  return stringArgument(ctx.args, "user") || callerOf(ctx);
}

/** The fields to set: `name`+`value` wins over `profile` (a JSON object). */
function requestedFields(ctx: MethodContext): Record<string, unknown> {
  const name = stringArgument(ctx.args, "name");
  if (name) return { [name]: ctx.args.value ?? "" };
  const profile = jsonArgument(ctx.args, "profile");
  if (!profile.present) return {};
  if ("invalid" in profile) throw new ApiError("invalid_profile");
  const parsed = profileArgument.safeParse(profile.value);
  if (!parsed.success) throw new ApiError("invalid_profile");
  return parsed.data;
}

/**
 * `user=` someone else: a user token of an Admin/Owner (Grid: Org Admin/Owner) on a paid plan whose profile
 * data source is API, and only for people ranked below the caller (Primary Owner > Owner > Admin > Member > Guest).
 */
function checkAdminEdit(world: SlackWorld, caller: User, target: User): void {
  const callerRole = effectiveAdminRole(world, caller);
  if (roleRank(callerRole) < roleRank("admin")) throw new ApiError("not_admin");
  const ws = world.workspace(caller.teamId);
  if (ws.plan !== "paid" || ws.profileSource !== "api") throw new ApiError("permission_denied");
  if (target.isBot) throw new ApiError("user_is_bot");
  const targetRole =
    world.workspace(target.teamId).enterpriseId === null ? target.role : (target.orgRole ?? target.role);
  if (roleRank(targetRole) >= roleRank("admin") && roleRank(callerRole) <= roleRank(targetRole)) {
    throw new ApiError("cannot_update_admin_user");
  }
}

function asText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new ApiError("invalid_profile");
}

function nextStatus(current: Status, fields: Record<string, unknown>): Status {
  const hasText = "status_text" in fields;
  const hasEmoji = "status_emoji" in fields;
  const text = hasText ? asText(fields.status_text) : current.text;
  const emoji = hasEmoji ? asText(fields.status_emoji) : current.emoji;
  // "Clearing the status requires setting both status_text and status_emoji to ''."
  if (hasText !== hasEmoji && ((hasText && text === "") || (hasEmoji && emoji === ""))) {
    throw new ApiError("must_clear_both_status_text_and_status_emoji");
  }
  if ([...text].length > STATUS_TEXT_MAX) throw new ApiError("too_long");
  if (emoji !== "" && !EMOJI.test(emoji)) throw new ApiError("invalid_emoji_not_allowed");
  let expiration = current.expiration;
  if ("status_expiration" in fields) {
    const raw = asText(fields.status_expiration);
    if (!/^\d+$/.test(raw)) throw new ApiError("invalid_profile");
    expiration = Number(raw);
  }
  if (text === "" && emoji === "") expiration = 0;
  return { text, emoji, expiration };
}

function applyTextFields(user: User, fields: Record<string, unknown>): void {
  const next = { ...user.profile };
  for (const [field, key] of Object.entries(TEXT_FIELDS)) {
    if (field in fields) next[key] = asText(fields[field]);
  }
  if ([...next.displayName].length > DISPLAY_NAME_MAX) throw new ApiError("too_long");
  if ([...next.firstName].length > NAME_PART_MAX || [...next.lastName].length > NAME_PART_MAX)
    throw new ApiError("too_long");
  if (!("real_name" in fields) && ("first_name" in fields || "last_name" in fields)) {
    next.realName = `${next.firstName} ${next.lastName}`.trim();
  }
  user.profile = next;
}

export const usersProfileSet: MethodDefinition = {
  name: "users.profile.set",
  accepts: ["user"],
  profileTarget: targetId,
  handle(ctx) {
    const auth = ctx.auth;
    if (!auth) throw new ApiError("not_authed");
    const caller = ctx.world.user(callerOf(ctx));
    const target = visibleUser(ctx.world, auth, targetId(ctx));
    if (target.id !== caller.id) checkAdminEdit(ctx.world, caller, target);
    const fields = requestedFields(ctx);
    const touchesStatus = STATUS_KEYS.some((key) => key in fields);
    // Validate everything before changing anything.
    const status = nextStatus(target.status, fields);
    applyTextFields(target, fields);
    target.status = status;
    target.updated = ctx.world.clock.nowSeconds();
    ctx.world.emit({ kind: "user_changed", userId: target.id, status: touchesStatus, huddle: false });
    return {
      username: target.name,
      profile: renderProfile(ctx.world, target, {
        includeEmail: emailVisible(auth) || target.id === caller.id,
      }),
    };
  },
};
