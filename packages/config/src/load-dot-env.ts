import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** `.env` at the repository root. */
export const DOT_ENV_PATH = fileURLToPath(new URL("../../../.env", import.meta.url));

/**
 * Reads `.env` at the repository root into the environment when it exists (variables already set win).
 * Docker Compose reads the same file for its own substitutions. `PRESENCE_DOTENV=off` skips it (tests that
 * start an app must not pick up a developer's `.env`).
 */
export function loadDotEnv(path = DOT_ENV_PATH): void {
  // eslint-disable-next-line no-restricted-properties -- the switch that decides whether .env is read at all
  if (process.env.PRESENCE_DOTENV === "off") return;
  if (existsSync(path)) process.loadEnvFile(path);
}
