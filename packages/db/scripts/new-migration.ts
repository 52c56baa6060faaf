// Creates prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the
// schema as last committed (git HEAD) and prisma/schema.prisma now. Usage: pnpm db:new-migration <name>
// (`prisma migrate dev` cannot run offline with the driver adapter; see docs/runbooks/migrations.md.)
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { startEmbeddedPostgres } from "../src/embedded/start-embedded-postgres.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: pnpm db:new-migration <snake_case_name>");
  process.exit(2);
}
const root = fileURLToPath(new URL("../../../", import.meta.url));
const previous = join(mkdtempSync(join(tmpdir(), "presence-schema-")), "schema.prisma");
writeFileSync(previous, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { cwd: root }));
const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
// The CLI with a driver adapter wants a database to talk to even for a schema-to-schema diff.
const server = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: undefined });
const preload = fileURLToPath(new URL("../src/migrate/unref-long-timers.cjs", import.meta.url));
const { stdout: sql } = await promisify(execFile)(
  process.execPath,
  [
    "--require",
    preload,
    cli,
    "migrate",
    "diff",
    "--from-schema-datamodel",
    previous,
    "--to-schema-datamodel",
    "prisma/schema.prisma",
    "--script",
  ],
  {
    cwd: root,
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? server?.url },
    encoding: "utf8",
  },
);
await server?.stop();
if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.log("prisma/schema.prisma has no changes since HEAD: nothing to migrate");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const dir = join(root, "prisma", "migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "migration.sql"), sql);
console.log(`wrote ${join("prisma", "migrations", `${stamp}_${name}`, "migration.sql")}`);
