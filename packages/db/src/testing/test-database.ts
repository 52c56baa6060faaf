import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import pg from "pg";

import { createDbClient, type DbClient } from "../client.ts";
import { pgConfigFromUrl, withDatabase } from "../connection/pg-config.ts";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../embedded/start-embedded-postgres.ts";
import { migrateDatabase } from "../migrate/migrate-database.ts";

const MIGRATIONS_DIR = fileURLToPath(new URL("../../../../prisma/migrations", import.meta.url));
const DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  /** URL of a fresh, migrated database of its own. */
  url: string;
  db: DbClient;
  /** Whether it runs on the embedded Postgres (no server was reachable). */
  embedded: boolean;
  drop(): Promise<void>;
}

/**
 * A fresh, fully migrated database for one test file: a copy of a migrated template database on
 * the machine's Postgres (TEST_DATABASE_URL, else 127.0.0.1:5432), or — when no server answers — an
 * in-memory embedded Postgres of its own.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.TEST_DATABASE_URL ?? DEFAULT_SERVER;
  if (await isReachable(server)) return createOnServer(server);
  if (requirePostgres())
    throw new Error(
      `REQUIRE_POSTGRES is set but no Postgres answers at ${redact(server)}: start it (CI never falls back to the embedded server)`,
    );
  return createEmbedded();
}

/**
 * REQUIRE_POSTGRES=1 (CI): tests run on the real server or fail. The embedded server is one session shared by
 * every connection, so concurrency tests (row locks, shared budgets) would prove nothing there.
 */
export function requirePostgres(env: NodeJS.ProcessEnv = process.env): boolean {
  return ["1", "true", "yes"].includes((env.REQUIRE_POSTGRES ?? "").toLowerCase());
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

async function createOnServer(server: string): Promise<TestDatabase> {
  const template = await ensureTemplate(server);
  const name = `presence_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await withAdmin(server, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  const url = withDatabase(server, name);
  const db = createDbClient({ url, poolSize: 5 });
  return {
    url,
    db,
    embedded: false,
    async drop() {
      await db.$disconnect();
      await withAdmin(server, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function createEmbedded(): Promise<TestDatabase> {
  const embedded: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir: undefined });
  await migrateDatabase(embedded.url);
  const db = createDbClient({ url: embedded.url, poolSize: 5 });
  return {
    url: embedded.url,
    db,
    embedded: true,
    async drop() {
      await db.$disconnect();
      await embedded.stop();
    },
  };
}

/** The migrated template for the current migrations, created once per machine (under an advisory lock). */
async function ensureTemplate(server: string): Promise<string> {
  const name = `presence_template_${migrationsHash()}`;
  await withAdmin(server, async (client) => {
    await client.query("SELECT pg_advisory_lock(hashtext('presence_test_template'))");
    try {
      const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (exists.rowCount === 0) {
        const building = `${name}_building`;
        await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
        await client.query(`CREATE DATABASE "${building}"`);
        await migrateDatabase(withDatabase(server, building));
        await client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext('presence_test_template'))");
    }
  });
  return name;
}

function migrationsHash(): string {
  const hash = createHash("sha256");
  for (const dir of readdirSync(MIGRATIONS_DIR).sort()) {
    if (!dir.match(/^\d/)) continue;
    hash.update(dir).update(readFileSync(join(MIGRATIONS_DIR, dir, "migration.sql")));
  }
  hash.update("graphile-worker-0.16");
  return hash.digest("hex").slice(0, 12);
}

async function withAdmin<T>(server: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(pgConfigFromUrl(server));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function isReachable(url: string): Promise<boolean> {
  const client = new pg.Client(pgConfigFromUrl(url, { connectionTimeoutMillis: 1500 }));
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
