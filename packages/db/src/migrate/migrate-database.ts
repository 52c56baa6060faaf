import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

import { Logger, runMigrations } from "graphile-worker";

import { BridgeError } from "@presence/core";

const require = createRequire(import.meta.url);
const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const PRELOAD = fileURLToPath(new URL("./unref-long-timers.cjs", import.meta.url));

/**
 * Applies the store's committed Prisma migrations (`prisma migrate deploy`) and installs the job
 * queue's schema. Asynchronous on purpose: with the embedded Postgres the server runs in this very
 * process, so a blocking child would deadlock it.
 */
export async function migrateDatabase(url: string): Promise<void> {
  await runPrismaMigrateDeploy(url);
  await runMigrations({ connectionString: url, noPreparedStatements: true, logger: silentLogger() });
}

async function runPrismaMigrateDeploy(url: string): Promise<void> {
  const cli = require.resolve("prisma/build/index.js");
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ["--require", PRELOAD, cli, "migrate", "deploy"], {
      cwd: REPO_ROOT,
      // The child inherits the environment (PATH, proxies); it reads no configuration of ours but the URL.
      // eslint-disable-next-line no-restricted-properties
      env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.on("error", reject);
    child.on("exit", resolve);
  });
  if (code !== 0) {
    throw new BridgeError("config", `Database migration failed (prisma migrate deploy exited ${code})`, {
      details: { output: output.join("").slice(-2000) },
    });
  }
}

/** graphile-worker logs its migration steps at info level; keep start-up output quiet. */
function silentLogger(): Logger {
  return new Logger(() => () => undefined);
}
