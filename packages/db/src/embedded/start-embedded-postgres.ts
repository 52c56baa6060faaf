import { mkdirSync } from "node:fs";

import { PGlite } from "@electric-sql/pglite";

import { PgliteWireServer } from "./pglite-wire-server.ts";

export interface EmbeddedPostgresOptions {
  /** Where the data lives; undefined = in memory (lost at exit). */
  dataDir: string | undefined;
  host?: string;
  /** 0 = any free port. */
  port?: number;
}

export interface EmbeddedPostgres {
  /** A postgres:// URL for this server. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The embedded server's buffer cache. It is WebAssembly memory, resident in the demo's one process: Postgres's
 * default of 128 MB is sized for a server, while the demo's whole database is a few MB. 16 MB takes about
 * 110 MB off PGlite alone and about 170 MB off the started demo (docs/performance.md, "The all-in-one demo").
 */
const EMBEDDED_SHARED_BUFFERS = "shared_buffers=16MB";

/**
 * Starts PGlite (Postgres compiled to WebAssembly) and serves it over the Postgres wire protocol,
 * so Prisma, pg and graphile-worker use it exactly like a real server. For the zero-config demo
 * and for tests on machines without Postgres; about half as fast as a real server.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    // Added to PGlite's own start parameters (postgresqlconf would replace initdb's whole postgresql.conf).
    startParams: [...PGlite.defaultStartParams, "-c", EMBEDDED_SHARED_BUFFERS],
  });
  const host = options.host ?? "127.0.0.1";
  const server = new PgliteWireServer(db);
  const port = await server.listen(host, options.port ?? 0);
  return {
    url: `postgres://postgres@${host}:${port}/postgres`,
    async stop() {
      await server.close();
      await db.close();
    },
  };
}
