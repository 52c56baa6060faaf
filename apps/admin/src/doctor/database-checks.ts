import { committedMigrations, pgConfigFromUrl } from "@presence/db";
import pg from "pg";

import { fail, notChecked, ok, warn, type CheckResult } from "./check-result.ts";
import { describeFailure } from "./describe-failure.ts";
import type { DoctorEnv } from "./env.ts";

interface MigrationRow {
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * The store: DATABASE_URL answers (within the timeout), and its Prisma migrations are the ones this
 * code ships — none pending, none failed half-way. Returns the URL when the store is usable (it
 * answers and its migrations are current).
 */
export async function checkDatabase(
  config: DoctorEnv,
  invalid: ReadonlySet<string>,
  timeoutMs: number,
): Promise<{ results: CheckResult[]; url: string | null }> {
  if (invalid.has("DATABASE_URL"))
    return { results: [notChecked("database", "connection", "DATABASE_URL is invalid (above)")], url: null };
  const url = config.DATABASE_URL;
  if (!url)
    return {
      results: [
        warn(
          "database",
          "connection",
          "DATABASE_URL is not set: the apps use the embedded demo Postgres under .data/; the store is not checked",
          "Set DATABASE_URL to your Postgres (postgres://user:password@host:5432/db) for production",
        ),
      ],
      url: null,
    };
  const target = describeTarget(url);
  const client = new pg.Client(
    pgConfigFromUrl(url, {
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
      statement_timeout: timeoutMs,
    }),
  );
  // A connection dropped later must not crash the process (pg emits on the client).
  client.on("error", () => undefined);
  try {
    try {
      await client.connect();
    } catch (error) {
      return {
        results: [
          fail(
            "database",
            "connection",
            `cannot connect to ${target}: ${describeFailure(error, timeoutMs)}`,
            "Check DATABASE_URL (host, port, user, password, database) and that Postgres runs and is reachable from here",
          ),
        ],
        url: null,
      };
    }
    const version = await client.query<{ server_version: string }>("SHOW server_version");
    const results = [
      ok(
        "database",
        "connection",
        `${target} answers (PostgreSQL ${version.rows[0]?.server_version ?? "?"})`,
      ),
    ];
    const migrations = await checkMigrations(client, timeoutMs);
    results.push(migrations);
    // The store's tables are read only when they are the ones this code knows.
    return { results, url: migrations.status === "fail" ? null : url };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkMigrations(client: pg.Client, timeoutMs: number): Promise<CheckResult> {
  // prisma/migrations, in the repository and in the image.
  const shipped = committedMigrations();
  const migrate =
    "Run `presence migrate` with this DATABASE_URL (apps started without MIGRATE_ON_START=false also apply them at start)";
  let rows: MigrationRow[];
  try {
    rows = (
      await client.query<MigrationRow>(
        `SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"`,
      )
    ).rows;
  } catch (error) {
    if ((error as { code?: unknown }).code === "42P01")
      return fail(
        "database",
        "migrations",
        `the database is empty: ${shipped.length} migration(s) pending`,
        migrate,
      );
    return fail(
      "database",
      "migrations",
      `cannot read _prisma_migrations: ${describeFailure(error, timeoutMs)}`,
      "Check that DATABASE_URL's user may read the store's tables",
    );
  }
  const applied = new Set(
    rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name),
  );
  const broken = rows
    .filter((r) => r.finished_at === null && r.rolled_back_at === null)
    .map((r) => r.migration_name);
  if (broken.length > 0)
    return fail(
      "database",
      "migrations",
      `migration(s) started but never finished: ${broken.join(", ")}`,
      "Repair by hand, then mark it resolved (docs/runbooks/migrations.md)",
    );
  const pending = shipped.filter((name) => !applied.has(name));
  if (pending.length > 0)
    return fail("database", "migrations", `${pending.length} pending: ${pending.join(", ")}`, migrate);
  const unknown = [...applied].filter((name) => !shipped.includes(name)).sort();
  if (unknown.length > 0)
    return warn(
      "database",
      "migrations",
      `the database has migration(s) this version does not ship: ${unknown.join(", ")} (a newer version ran against it)`,
      "Run the same version of the bridge everywhere (an older image may be running)",
    );
  const queue = await client.query<{ ready: boolean }>(
    `SELECT to_regclass('graphile_worker._private_jobs') IS NOT NULL AS ready`,
  );
  if (queue.rows[0]?.ready !== true)
    return fail("database", "migrations", "the job queue's schema (graphile_worker) is missing", migrate);
  return ok("database", "migrations", `current (${shipped.length} applied, none pending; job queue ready)`);
}

/** host:port/database, without user or password. */
function describeTarget(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
}
