import type { z } from "zod";
import type { EmulatorClock } from "../clock.ts";
import type { DeliveryLog } from "../events/delivery-log.ts";
import type { EventRouter } from "../events/event-router.ts";
import type { SocketModeHub } from "../events/socket-mode-hub.ts";
import type { FaultInjector } from "../faults/fault-injector.ts";
import type { SignInState } from "../oauth/sign-in.ts";
import type { ApiRateLimiter } from "../rate-limits/api-rate-limiter.ts";
import type { ViolationLog } from "../spec/violation-log.ts";
import type { CallLog } from "../web-api/call-log.ts";
import type { SlackWorld } from "../world/world.ts";

/** What control operations act on. */
export interface ControlContext {
  world: SlackWorld;
  clock: EmulatorClock;
  router: EventRouter;
  hub: SocketModeHub;
  calls: CallLog;
  limiter: ApiRateLimiter;
  deliveries: DeliveryLog;
  violations: ViolationLog;
  faults: FaultInjector;
  signIn: SignInState;
  /** Applies expirations (status, huddle, snooze) for the current emulator time. */
  sweep(): void;
}

export interface Operation<S extends z.ZodType, R> {
  input: S;
  run(ctx: ControlContext, input: z.output<S>): R;
}

/** Declares a control operation: a zod input schema (shared by the in-process and HTTP forms) and its effect. */
export function operation<S extends z.ZodType, R>(
  input: S,
  run: (ctx: ControlContext, input: z.output<S>) => R,
): Operation<S, R> {
  return { input, run };
}
