import type { z } from "zod";

import { BridgeError } from "./errors.ts";

/** Readable one-line summary of zod issues: "path: message; path: message". */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.map(String).join(".") || "value"}: ${issue.message}`)
    .join("; ");
}

/** Parses input with a schema or throws an `invalid_input` BridgeError naming each bad field. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  what = "Invalid input",
): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new BridgeError("invalid_input", `${what}: ${formatIssues(parsed.error)}`);
}
