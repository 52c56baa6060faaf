import { join } from "node:path";

import {
  createDbClient,
  DEFAULT_DATA_DIR,
  resolveDatabase,
  resolveKeyRing,
  waitForMigrations,
  type DbClient,
  type KeyRing,
} from "@presence/db";
import { createLogger, createMetrics, type Logger, type Metrics } from "@presence/telemetry";

/** The part of every app's env the runtime reads (see @presence/config's commonEnv). */
export interface RuntimeEnv {
  DATABASE_URL?: string | undefined;
  EMBEDDED_DATABASE_DIR?: string | undefined;
  EMBEDDED_DATABASE_PORT: number;
  /** Connections in the store's pool (default 10). */
  DATABASE_POOL_SIZE?: number | undefined;
  TOKEN_ENCRYPTION_KEY?: string | undefined;
  TOKEN_ENCRYPTION_OLD_KEYS: string[];
  LOG_LEVEL: string;
  /** false: wait for `presence migrate` instead of migrating here. */
  MIGRATE_ON_START?: boolean | undefined;
}

export interface Runtime {
  service: string;
  db: DbClient;
  databaseUrl: string;
  embedded: boolean;
  keyRing: KeyRing;
  logger: Logger;
  metrics: Metrics;
  now: () => number;
  stop(): Promise<void>;
}

/**
 * Opens what an app process needs: the store (DATABASE_URL, migrated at start; or the embedded
 * Postgres), the encryption keys (the embedded demo keeps a generated key under .data/), a logger
 * and a metrics registry.
 */
export async function startRuntime(service: string, env: RuntimeEnv): Promise<Runtime> {
  const logger = createLogger({ service, level: env.LOG_LEVEL });
  const database = await resolveDatabase({
    url: env.DATABASE_URL,
    embeddedDir: env.EMBEDDED_DATABASE_DIR,
    embeddedPort: env.EMBEDDED_DATABASE_PORT,
    migrate: env.MIGRATE_ON_START !== false,
  });
  if (!database.embedded && env.MIGRATE_ON_START === false)
    await waitForMigrations(database.url, (pending) =>
      logger.warn({ pending }, "waiting for the database migrations (presence migrate) before starting"),
    );
  if (database.embedded)
    logger.warn(
      { port: env.EMBEDDED_DATABASE_PORT },
      "DATABASE_URL is not set: using the embedded Postgres (demo and small installs only)",
    );
  const dataDir = env.EMBEDDED_DATABASE_DIR ?? join(DEFAULT_DATA_DIR, "postgres");
  const { ring, generated } = resolveKeyRing({
    key: env.TOKEN_ENCRYPTION_KEY,
    oldKeys: env.TOKEN_ENCRYPTION_OLD_KEYS,
    embeddedKeyFile: database.embedded ? join(dataDir, "..", "token-encryption.key") : null,
  });
  if (generated)
    logger.warn("TOKEN_ENCRYPTION_KEY is not set: generated one for the embedded store under .data/");
  const db = createDbClient({ url: database.url, poolSize: env.DATABASE_POOL_SIZE ?? 10 });
  return {
    service,
    db,
    databaseUrl: database.url,
    embedded: database.embedded,
    keyRing: ring,
    logger,
    metrics: createMetrics(service),
    now: () => Date.now(),
    async stop() {
      await db.$disconnect();
      await database.stop();
    },
  };
}
