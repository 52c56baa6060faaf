import { mkdirSync } from "node:fs";

import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgresOptions {
  /** Where the data lives; undefined = in memory (lost at exit). */
  dataDir: string | undefined;
  host?: string;
  /** 0 = any free port. */
  port?: number;
  maxConnections?: number;
}

export interface EmbeddedPostgres {
  /** A postgres:// URL for this server. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite (Postgres compiled to WebAssembly) and serves it over the Postgres wire protocol,
 * so Prisma, pg and graphile-worker use it exactly like a real server. For the zero-config demo
 * and for tests on machines without Postgres; about half as fast as a real server.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir === undefined ? undefined : { dataDir: options.dataDir });
  const host = options.host ?? "127.0.0.1";
  const server = new PGLiteSocketServer({
    db,
    host,
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 50,
  });
  await server.start();
  const [, port] = server.getServerConn().split(/:(?=\d+$)/);
  return {
    url: `postgres://postgres@${host}:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
