import { z } from "zod";
import { EmulatorError } from "../emulator-error.ts";
import { faultInput } from "../faults/fault-input.ts";
import { operation } from "./operation.ts";

const none = z.object({}).optional();

/** Fault injection for tests and fault suites: Web API answers and Events API deliveries that go wrong. */
export const faultOperations = {
  /** Adds a fault; it affects matching calls or events until `times` is used up or it is removed. */
  injectFault: operation(faultInput, (ctx, input) => ctx.faults.add(input)),
  /** Active faults, oldest first, with how often each has fired. */
  faults: operation(none, (ctx) => ctx.faults.list()),
  /** Removes one fault; events its `reorder` holds back go out now. */
  removeFault: operation(z.object({ id: z.number().int() }), (ctx, input) => {
    const removed = ctx.faults.remove(input.id);
    if (!removed) throw new EmulatorError(`unknown fault ${input.id}`, 404);
    ctx.router.releaseHeld(input.id);
    return removed;
  }),
  /** Removes every fault; every event a `reorder` still holds back goes out now. */
  clearFaults: operation(none, (ctx) => {
    const cleared = ctx.faults.clear();
    return { cleared, released: ctx.router.releaseHeld() };
  }),
};
