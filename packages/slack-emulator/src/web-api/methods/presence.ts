import { setManualAway } from "../../world/people.ts";
import type { User } from "../../world/types.ts";
import { ApiError } from "../api-error.ts";
import { stringArgument } from "../api-request.ts";
import type { MethodDefinition } from "../method-definition.ts";
import { authOf, callerOf } from "../method-definition.ts";
import { visibleUser } from "./visibility.ts";

/** Active = a client connected, not manually away, not auto-away. Bots show as away. */
export function presenceOf(user: User): "active" | "away" {
  const p = user.presence;
  return !user.deleted && !user.isBot && p.online && !p.manualAway && !p.autoAway ? "active" : "away";
}

export const usersGetPresence: MethodDefinition = {
  name: "users.getPresence",
  accepts: ["bot", "user"],
  handle(ctx) {
    const caller = callerOf(ctx);
    const user = visibleUser(ctx.world, authOf(ctx), stringArgument(ctx.args, "user") || caller);
    const presence = presenceOf(user);
    // Rich fields only for the token holder; for others "this method just returns the current presence".
    if (user.id !== caller) return { presence };
    return {
      presence,
      online: user.presence.online,
      auto_away: user.presence.autoAway,
      manual_away: user.presence.manualAway,
      connection_count: user.presence.online ? 1 : 0,
      last_activity: user.presence.lastActivity,
    };
  },
};

export const usersSetPresence: MethodDefinition = {
  name: "users.setPresence",
  accepts: ["bot", "user"],
  argErrors: { presence: "invalid_presence" },
  handle(ctx) {
    const presence = stringArgument(ctx.args, "presence");
    if (presence !== "auto" && presence !== "away") throw new ApiError("invalid_presence");
    setManualAway(ctx.world, callerOf(ctx), presence === "away");
    return {};
  },
};
