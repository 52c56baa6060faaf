import { BridgeError } from "@presence/core";
import type { z } from "zod";

/**
 * Validates the environment against an app's schema. Empty strings count as unset. On failure the
 * error names every missing or invalid variable, one per line, and nothing starts.
 */
export function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.output<T> {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const parsed = schema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const name = issue.path.map(String).join(".") || "(environment)";
    const problem =
      issue.code === "invalid_type" && cleaned[name] === undefined
        ? "is required but not set"
        : issue.message;
    return `  ${name}: ${problem}`;
  });
  throw new BridgeError("config", `Invalid configuration:\n${lines.join("\n")}`);
}
