import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** `.env` at the repository root. */
export const DOT_ENV_PATH = fileURLToPath(new URL("../../../.env", import.meta.url));

/**
 * Reads `.env` at the repository root into the environment when it exists (variables already set win).
 * Docker Compose reads the same file for its own substitutions.
 */
export function loadDotEnv(path = DOT_ENV_PATH): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
