import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";

import { startEmbeddedPostgres, type EmbeddedPostgres } from "./start-embedded-postgres.ts";

let server: EmbeddedPostgres;
beforeAll(async () => {
  server = await startEmbeddedPostgres({ dataDir: undefined });
});
afterAll(async () => {
  await server.stop();
});

it("keeps concurrent extended-protocol queries and transactions of many connections apart", async () => {
  const pool = new pg.Pool({ connectionString: server.url, max: 8 });
  await pool.query("CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)");
  await pool.query("INSERT INTO counter VALUES (1, 0)");
  const queries = Array.from({ length: 200 }, async (_, i) => {
    // Parameterised (Parse/Bind/Execute/Sync): each must see its own statement and parameters.
    const { rows } = await pool.query<{ v: string; s: string }>(
      "SELECT $1::text AS v, $2::text || 'x' AS s",
      [`a${i}`, `b${i}`],
    );
    expect(rows).toEqual([{ v: `a${i}`, s: `b${i}x` }]);
  });
  const transactions = Array.from({ length: 40 }, async () => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<{ n: number }>("SELECT n FROM counter WHERE id = $1", [1]);
      await client.query("UPDATE counter SET n = $1 WHERE id = 1", [(rows[0]?.n ?? 0) + 1]);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
  });
  await Promise.all([...queries, ...transactions]);
  // Read-modify-write inside transactions is only correct if no other connection interleaved.
  expect((await pool.query<{ n: number }>("SELECT n FROM counter")).rows[0]?.n).toBe(40);
  await pool.end();
});

it("rolls back what a client left open when it goes away", async () => {
  const client = new pg.Client({ connectionString: server.url });
  client.on("error", () => undefined); // it is about to lose its socket on purpose
  await client.connect();
  await client.query("CREATE TABLE left_open (v int)");
  await client.query("BEGIN");
  await client.query("INSERT INTO left_open VALUES (1)");
  client.connection.stream.destroy();
  const other = new pg.Client({ connectionString: server.url });
  await other.connect();
  expect((await other.query("SELECT count(*)::int AS n FROM left_open")).rows[0]).toEqual({ n: 0 });
  await other.end();
});

it("runs with a buffer cache sized for the demo, not a server (16 MB of WebAssembly memory, not 128)", async () => {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  const { rows } = await client.query<{ shared_buffers: string }>("SHOW shared_buffers");
  expect(rows[0]?.shared_buffers).toBe("16MB");
  await client.end();
});
