import type { z } from "zod";
import { faultOperations } from "./fault-operations.ts";
import { inspectOperations } from "./inspect-operations.ts";
import type { ControlContext, Operation } from "./operation.ts";
import { peopleOperations } from "./people-operations.ts";
import { setupOperations } from "./setup-operations.ts";

export const operations = {
  ...setupOperations,
  ...peopleOperations,
  ...inspectOperations,
  ...faultOperations,
};
export type OperationName = keyof typeof operations;

type Call<O> =
  O extends Operation<infer S, infer R>
    ? undefined extends z.input<S>
      ? (input?: z.input<S>) => R
      : (input: z.input<S>) => R
    : never;

/** The typed in-process control API: one method per operation, same names and inputs as `POST /_emulator/<name>`. */
export type SlackControl = { [K in OperationName]: Call<(typeof operations)[K]> };

function invoke(ctx: ControlContext, name: OperationName, input: unknown): unknown {
  const op = operations[name] as Operation<z.ZodType, unknown>;
  return op.run(ctx, op.input.parse(input));
}

export function createControl(ctx: ControlContext): SlackControl {
  const control: Record<string, (input?: unknown) => unknown> = {};
  for (const name of Object.keys(operations) as OperationName[])
    control[name] = (input?: unknown) => invoke(ctx, name, input);
  return control as SlackControl;
}

/** Runs an operation by name with untrusted JSON input (the HTTP control API). */
export async function runOperation(ctx: ControlContext, name: string, input: unknown): Promise<unknown> {
  if (!Object.hasOwn(operations, name)) return undefined;
  return await invoke(ctx, name as OperationName, input);
}

export function isOperation(name: string): name is OperationName {
  return Object.hasOwn(operations, name);
}
