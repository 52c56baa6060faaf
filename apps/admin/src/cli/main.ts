// The `presence` admin CLI (run with `pnpm presence <command>`; `pnpm presence --help` lists them).
import { userInfo } from "node:os";
import { join } from "node:path";

import {
  createDbClient,
  DEFAULT_DATA_DIR,
  migrateDatabase,
  pendingMigrations,
  resolveDatabase,
  resolveKeyRing,
  type DbClient,
} from "@presence/db";

import { loadAdminEnv } from "../env.ts";
import { runCli } from "./program.ts";

const argv = process.argv.slice(2);
// `presence doctor` judges the environment itself (and names every bad variable): it must not stop here.
const env = argv[0] === "doctor" ? loadAdminEnv({}) : loadAdminEnv();
let opened: { db: DbClient; stop: () => Promise<void> } | undefined;
let embedded = false;

const code = await runCli(argv, {
  async db() {
    if (!opened) {
      const database = await resolveDatabase({
        url: env.DATABASE_URL,
        embeddedDir: env.EMBEDDED_DATABASE_DIR,
        embeddedPort: env.EMBEDDED_DATABASE_PORT,
      });
      embedded = database.embedded;
      const db = createDbClient({ url: database.url, poolSize: 2 });
      opened = {
        db,
        stop: async () => {
          await db.$disconnect();
          await database.stop();
        },
      };
    }
    return opened.db;
  },
  keyRing() {
    return resolveKeyRing({
      key: env.TOKEN_ENCRYPTION_KEY,
      oldKeys: env.TOKEN_ENCRYPTION_OLD_KEYS,
      embeddedKeyFile:
        embedded || !env.DATABASE_URL
          ? join(env.EMBEDDED_DATABASE_DIR ?? DEFAULT_DATA_DIR, "token-encryption.key")
          : null,
    }).ring;
  },
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  actor: { name: `cli:${userInfo().username}` },
  ...(env.PUBLIC_BASE_URL ? { publicBaseUrl: env.PUBLIC_BASE_URL } : {}),
  ...(env.DATABASE_URL ? { migrate: () => migrate(env.DATABASE_URL ?? "") } : {}),
});
await opened?.stop();
process.exitCode = code;

async function migrate(url: string): Promise<string[]> {
  const { pending } = await pendingMigrations(url);
  await migrateDatabase(url);
  return pending;
}
