import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";

import { pgConfigFromUrl } from "../connection/pg-config.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const PRELOAD = fileURLToPath(new URL("./unref-long-timers.cjs", import.meta.url));

let migrated: TestDatabase;
let fromSchema: TestDatabase;
beforeAll(async () => {
  [migrated, fromSchema] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([migrated.drop(), fromSchema.drop()]);
});

/** Tables, columns (type, nullability, default), indexes and constraints of the public schema. */
async function catalog(url: string): Promise<string[]> {
  const client = new pg.Client(pgConfigFromUrl(url));
  await client.connect();
  try {
    const columns = await client.query<{ line: string }>(`
      SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS line
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`);
    const indexes = await client.query<{ line: string }>(`
      SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`);
    const constraints = await client.query<{ line: string }>(`
      SELECT conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) AS line FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT IN ('_prisma_migrations', '"_prisma_migrations"')`);
    return [...columns.rows, ...indexes.rows, ...constraints.rows].map((r) => r.line).sort();
  } finally {
    await client.end();
  }
}

it("the committed migrations build exactly the schema in prisma/schema.prisma", async () => {
  const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  const { stdout: script } = await promisify(execFile)(
    process.execPath,
    [
      "--require",
      PRELOAD,
      cli,
      "migrate",
      "diff",
      "--from-empty",
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--script",
    ],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: fromSchema.url }, encoding: "utf8" },
  );
  const client = new pg.Client(pgConfigFromUrl(fromSchema.url));
  await client.connect();
  await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  await client.query(script);
  await client.end();
  expect(await catalog(migrated.url)).toEqual(await catalog(fromSchema.url));
}, 60_000);
