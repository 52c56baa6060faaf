import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";

import { createDbClient, type DbClient } from "../client.ts";
import { appendSyncEvents, countRecentWrites } from "../repositories/sync-events.ts";
import { createLink } from "../repositories/links.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { pgConfigFromUrl } from "./pg-config.ts";

let t: TestDatabase;
let db: DbClient;
beforeAll(async () => {
  t = await createTestDatabase();
  // A server whose zone is not UTC (initdb copies the OS zone).
  if (!t.embedded)
    await t.db.$executeRawUnsafe(
      `ALTER DATABASE "${new URL(t.url).pathname.slice(1)}" SET timezone TO 'America/New_York'`,
    );
  db = createDbClient({ url: t.url, poolSize: 2 });
});
afterAll(async () => {
  await db.$disconnect();
  await t.drop();
});

it("every session runs in UTC, whatever the server's zone", async () => {
  const client = new pg.Client(pgConfigFromUrl(t.url));
  await client.connect();
  expect((await client.query<{ tz: string }>("SELECT current_setting('TimeZone') AS tz")).rows[0]?.tz).toBe(
    "UTC",
  );
  await client.end();
});

it("times written by the database and by the code agree (flap breaker counts recent writes)", async () => {
  const link = await createLink(db, {
    slackTeamId: "T0TZ",
    slackUserId: "U0TZ",
    tenantId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
    entraUserId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaab",
  });
  await appendSyncEvents(db, link.id, [{ kind: "written", side: "slack", message: "x", detail: {} }]);
  expect(await countRecentWrites(db, link.id, new Date(Date.now() - 60_000))).toBe(1);
  expect(await countRecentWrites(db, link.id, new Date(Date.now() + 60_000))).toBe(0);
  const [row] = await db.$queryRaw<{ at: Date }[]>`SELECT "at" FROM "SyncEvent" WHERE "linkId" = ${link.id}`;
  expect(Math.abs((row?.at.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
});
