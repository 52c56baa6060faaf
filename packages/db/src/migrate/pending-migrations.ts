import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

import pg from "pg";

import { pgConfigFromUrl } from "../connection/pg-config.ts";

/** The committed migrations (prisma/migrations), oldest first. */
export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../../prisma/migrations", import.meta.url));

export function committedMigrations(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * The committed migrations the database has not applied yet (all of them on an empty database), and
 * whether the job queue's schema is there. Read-only.
 */
export async function pendingMigrations(url: string): Promise<{ pending: string[]; queueReady: boolean }> {
  const client = new pg.Client(pgConfigFromUrl(url, { connectionTimeoutMillis: 5_000 }));
  await client.connect();
  try {
    const { rows } = await client.query<{ ready: boolean; queue: boolean }>(
      `SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ready,
              to_regclass('graphile_worker._private_jobs') IS NOT NULL AS queue`,
    );
    const applied = new Set<string>();
    if (rows[0]?.ready) {
      const done = await client.query<{ name: string }>(
        `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      for (const row of done.rows) applied.add(row.name);
    }
    return {
      pending: committedMigrations().filter((name) => !applied.has(name)),
      queueReady: rows[0]?.queue === true,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Waits until another process (the one-shot `presence migrate`) has applied every migration: an app
 * that must not migrate by itself starts only on a current schema. Gives up after `timeoutMs`.
 */
export async function waitForMigrations(
  url: string,
  onWait: (pending: string[]) => void,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  let told = false;
  for (;;) {
    const state = await pendingMigrations(url).catch(() => null);
    if (state && state.pending.length === 0 && state.queueReady) return;
    if (!told && state) {
      onWait(state.pending);
      told = true;
    }
    if (Date.now() > deadline)
      throw new Error(
        `Migrations still pending after ${Math.round((options.timeoutMs ?? 600_000) / 1000)} s: run \`presence migrate\``,
      );
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 2_000));
  }
}
