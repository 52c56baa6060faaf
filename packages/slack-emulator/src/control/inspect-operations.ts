import { z } from "zod";
import { presenceOf } from "../web-api/methods/presence.ts";
import { scheduleFields, snoozeFields } from "../world/dnd-fields.ts";
import { renderProfile, renderUser } from "../world/render.ts";
import { operation } from "./operation.ts";

const userId = z.string().min(1);
const none = z.object({}).optional();

/** Reading the world and what the emulator received and sent; moving time. */
export const inspectOperations = {
  getUser: operation(z.object({ userId }), (ctx, input) =>
    renderUser(ctx.world, ctx.world.user(input.userId), { includeEmail: true }),
  ),
  getProfile: operation(z.object({ userId }), (ctx, input) =>
    renderProfile(ctx.world, ctx.world.user(input.userId), { includeEmail: true }),
  ),
  /** DND as the person sees it (with snooze fields). */
  getDnd: operation(z.object({ userId }), (ctx, input) => {
    const user = ctx.world.user(input.userId);
    return { ...scheduleFields(user), ...snoozeFields(ctx.world, user) };
  }),
  getPresence: operation(z.object({ userId }), (ctx, input) => {
    const user = ctx.world.user(input.userId);
    return { presence: presenceOf(user), ...user.presence };
  }),

  /** Web API calls received, oldest first. */
  calls: operation(
    z
      .object({
        method: z.string(),
        token: z.string(),
        status: z.number().int(),
        error: z.string(),
        appId: z.string(),
        fault: z.number().int(),
      })
      .partial()
      .optional(),
    (ctx, input) => ctx.calls.list(input ?? {}),
  ),
  clearCalls: operation(none, (ctx) => {
    ctx.calls.clear();
    return { cleared: true };
  }),
  /** How many calls were answered 429 (for one method, or all). */
  rateLimitedCount: operation(z.object({ method: z.string() }).partial().optional(), (ctx, input) => ({
    count: ctx.limiter.rejectedCount(input?.method),
  })),
  /** Events API deliveries with every attempt. */
  deliveries: operation(
    z
      .object({
        appId: z.string(),
        eventType: z.string(),
        state: z.enum(["pending", "delivered", "failed", "undeliverable", "dropped"]),
      })
      .partial()
      .optional(),
    (ctx, input) => ctx.deliveries.list(input ?? {}),
  ),
  /** Waits until at least `count` deliveries match (state defaults to "delivered"). */
  waitForDeliveries: operation(
    z.object({
      appId: z.string().optional(),
      eventType: z.string().optional(),
      state: z.enum(["pending", "delivered", "failed", "undeliverable", "dropped"]).default("delivered"),
      count: z.number().int().min(1).default(1),
      timeoutMs: z.number().int().min(1).default(5000),
    }),
    (ctx, input) =>
      ctx.deliveries.waitFor(
        { appId: input.appId, eventType: input.eventType, state: input.state },
        (records) => records.length >= input.count,
        input.timeoutMs,
      ),
  ),
  /** Resolves once every delivery started so far (with its retries) has finished. */
  idle: operation(none, async (ctx) => {
    await ctx.router.idle();
    return { idle: true };
  }),
  /** Off-spec answers or events the emulator produced (should stay empty). */
  specViolations: operation(none, (ctx) => ctx.violations.list()),
  messages: operation(none, (ctx) => [...ctx.world.messages]),
  homeViews: operation(none, (ctx) => [...ctx.world.homeViews.values()]),
  socketConnections: operation(z.object({ appId: z.string() }), (ctx, input) => ({
    count: ctx.hub.connectionCount(input.appId),
  })),
  /** Sends `disconnect` (default reason refresh_requested) to the app's Socket Mode connections. */
  disconnectSocket: operation(
    z.object({
      appId: z.string(),
      reason: z
        .enum(["warning", "refresh_requested", "link_disabled", "too_many_websockets"])
        .default("refresh_requested"),
    }),
    (ctx, input) => ({ count: ctx.hub.disconnect(input.appId, input.reason) }),
  ),

  /** Moves Slack's clock forward (token expiry, status expiration, snoozes, rate-limit windows) and applies expirations. */
  advanceTime: operation(z.object({ ms: z.number().int().min(0) }), (ctx, input) => {
    ctx.clock.advance(input.ms);
    ctx.sweep();
    return { now: ctx.clock.nowMs() };
  }),
  now: operation(none, (ctx) => ({ now: ctx.clock.nowMs(), seconds: ctx.clock.nowSeconds() })),
};
