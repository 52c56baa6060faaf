import { fileURLToPath } from "node:url";

import pg from "pg";

import { pgConfigFromUrl } from "../connection/pg-config.ts";
import { startEmbeddedPostgres } from "../embedded/start-embedded-postgres.ts";
import { migrateDatabase } from "../migrate/migrate-database.ts";

/** `.data/` at the repository root. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL("../../../../.data/", import.meta.url));

export interface ResolveDatabaseOptions {
  /** DATABASE_URL; undefined → embedded Postgres. */
  url: string | undefined;
  /** Where the embedded Postgres keeps its data. */
  embeddedDir?: string;
  embeddedPort: number;
  /** Apply migrations (always true for a freshly started embedded server). */
  migrate?: boolean;
}

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The store to use: DATABASE_URL as given; without it the embedded Postgres — the one already
 * serving on EMBEDDED_DATABASE_PORT (another process of the demo started it), or a new one with
 * its data under EMBEDDED_DATABASE_DIR, migrated at start.
 */
export async function resolveDatabase(options: ResolveDatabaseOptions): Promise<ResolvedDatabase> {
  if (options.url) {
    if (options.migrate) await migrateDatabase(options.url);
    return { url: options.url, embedded: false, stop: async () => undefined };
  }
  const existing = `postgres://postgres@127.0.0.1:${options.embeddedPort}/postgres`;
  if (await answers(existing)) return { url: existing, embedded: true, stop: async () => undefined };
  const server = await startEmbeddedPostgres({
    dataDir: `${options.embeddedDir ?? `${DEFAULT_DATA_DIR}postgres`}`,
    port: options.embeddedPort,
  });
  await migrateDatabase(server.url);
  return { url: server.url, embedded: true, stop: () => server.stop() };
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client(pgConfigFromUrl(url, { connectionTimeoutMillis: 1000 }));
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
