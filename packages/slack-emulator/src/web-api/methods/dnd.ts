import { scheduleFields, snoozeFields } from "../../world/dnd-fields.ts";
import { endSnooze, isSnoozing, snooze } from "../../world/people.ts";
import { ApiError } from "../api-error.ts";
import { stringArgument } from "../api-request.ts";
import type { MethodDefinition } from "../method-definition.ts";
import { authOf, callerOf } from "../method-definition.ts";
import { visibleUser } from "./visibility.ts";

/** Longest snooze accepted (one day); more is `too_long`. */
export const MAX_SNOOZE_MINUTES = 24 * 60;

export const dndInfo: MethodDefinition = {
  name: "dnd.info",
  accepts: ["bot", "user"],
  handle(ctx) {
    const caller = callerOf(ctx);
    const user = visibleUser(ctx.world, authOf(ctx), stringArgument(ctx.args, "user") || caller);
    return user.id === caller
      ? { ...scheduleFields(user), ...snoozeFields(ctx.world, user) }
      : scheduleFields(user);
  },
};

export const dndSetSnooze: MethodDefinition = {
  name: "dnd.setSnooze",
  accepts: ["user"],
  argErrors: { num_minutes: "missing_duration" },
  handle(ctx) {
    const raw = stringArgument(ctx.args, "num_minutes") ?? "";
    if (raw === "") throw new ApiError("missing_duration");
    if (!/^\d+$/.test(raw) || Number(raw) === 0) throw new ApiError("snooze_failed");
    const minutes = Number(raw);
    if (minutes > MAX_SNOOZE_MINUTES) throw new ApiError("too_long");
    const user = snooze(ctx.world, callerOf(ctx), minutes);
    return snoozeFields(ctx.world, user);
  },
};

export const dndEndSnooze: MethodDefinition = {
  name: "dnd.endSnooze",
  accepts: ["user"],
  handle(ctx) {
    const userId = callerOf(ctx);
    const user = ctx.world.user(userId);
    if (!isSnoozing(ctx.world, user) || !endSnooze(ctx.world, userId))
      throw new ApiError("snooze_not_active");
    return { ...scheduleFields(user), snooze_enabled: false };
  },
};
