import { z } from "zod";
import { EmulatorError } from "../emulator-error.ts";
import {
  clearStatus,
  endSnooze,
  joinHuddle,
  leaveHuddle,
  setDndSchedule,
  setManualAway,
  setOnline,
  setStatus,
  snooze,
} from "../world/people.ts";
import { hasPassword, setPassword } from "../world/passwords.ts";
import { signInPassword } from "../world/setup.ts";
import { operation } from "./operation.ts";

const userId = z.string().min(1);

/** What a person does in their Slack client; each change is announced the way Slack announces it. */
export const peopleOperations = {
  setStatus: operation(
    z.object({ userId, text: z.string(), emoji: z.string(), expiration: z.number().int().min(0).default(0) }),
    (ctx, input) => setStatus(ctx.world, input.userId, input).status,
  ),
  clearStatus: operation(z.object({ userId }), (ctx, input) => clearStatus(ctx.world, input.userId).status),
  joinHuddle: operation(
    z.object({ userId, callId: z.string().optional(), expirationTs: z.number().int().min(0).optional() }),
    (ctx, input) => joinHuddle(ctx.world, input.userId, input).huddle,
  ),
  leaveHuddle: operation(z.object({ userId }), (ctx, input) => leaveHuddle(ctx.world, input.userId).huddle),
  snoozeDnd: operation(
    z.object({ userId, minutes: z.number().int().min(1) }),
    (ctx, input) => snooze(ctx.world, input.userId, input.minutes).dnd,
  ),
  endSnooze: operation(z.object({ userId }), (ctx, input) => {
    if (!endSnooze(ctx.world, input.userId)) throw new EmulatorError("no snooze is active");
    return ctx.world.user(input.userId).dnd;
  }),
  setDndSchedule: operation(
    z.object({ userId, enabled: z.boolean(), nextStartTs: z.number().int(), nextEndTs: z.number().int() }),
    (ctx, input) => setDndSchedule(ctx.world, input.userId, input).dnd,
  ),
  /** "away" = the person sets themselves away; "active" = back (clears manual away, a client is connected). */
  setPresence: operation(
    z.object({ userId, presence: z.enum(["away", "active"]) }),
    (ctx, input) => setManualAway(ctx.world, input.userId, input.presence === "away").presence,
  ),
  /** Whether any Slack client of the person is connected (all closed → away). */
  setOnline: operation(
    z.object({ userId, online: z.boolean() }),
    (ctx, input) => setOnline(ctx.world, input.userId, input.online).presence,
  ),
  /** The person opens the app's Home (or Messages) tab: `app_home_opened`. */
  openAppHome: operation(
    z.object({ appId: z.string(), userId, tab: z.enum(["home", "messages"]).default("home") }),
    (ctx, input) => {
      ctx.world.app(input.appId);
      ctx.world.user(input.userId);
      ctx.world.emit({ kind: "app_home_opened", appId: input.appId, userId: input.userId, tab: input.tab });
      return { opened: true };
    },
  ),
  /** An admin deactivates (or reactivates) an account: `user_change`. */
  setUserDeleted: operation(z.object({ userId, deleted: z.boolean() }), (ctx, input) => {
    const user = ctx.world.user(input.userId);
    user.deleted = input.deleted;
    user.updated = ctx.clock.nowSeconds();
    ctx.world.emit({ kind: "user_changed", userId: user.id, status: false, huddle: false });
    return { deleted: user.deleted };
  }),
  /** The password the person types on the browser sign-in page; null removes it (the e-mail alone signs in). */
  setUserPassword: operation(z.object({ userId, password: signInPassword.nullable() }), (ctx, input) => {
    setPassword(ctx.world, input.userId, input.password);
    return { userId: input.userId, hasPassword: hasPassword(ctx.world, input.userId) };
  }),
};
