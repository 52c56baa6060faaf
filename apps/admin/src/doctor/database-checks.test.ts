import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import { freePort } from "@presence/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { checkDatabase } from "./database-checks.ts";
import { checkEnvironment } from "./environment-checks.ts";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const check = (env: NodeJS.ProcessEnv) => {
  const { config, invalid } = checkEnvironment(env);
  return checkDatabase(config, invalid, 2000);
};

describe("checkDatabase", () => {
  it("a pending migration is named, and the store is then left alone", async () => {
    const [last] = await t.db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`;
    await t.db.$executeRaw`UPDATE "_prisma_migrations" SET finished_at = NULL, rolled_back_at = now()
      WHERE migration_name = ${last?.migration_name}`;
    const { results, url } = await check({ DATABASE_URL: t.url });
    expect(results.map((r) => r.status)).toEqual(["ok", "fail"]);
    expect(results[1]?.message).toBe(`1 pending: ${last?.migration_name}`);
    expect(url).toBeNull();
  });

  it("an unreachable server: the address without credentials, and why", async () => {
    const { results, url } = await check({
      DATABASE_URL: `postgres://bridge:hunter2@127.0.0.1:${await freePort()}/presence`,
    });
    expect(url).toBeNull();
    expect(results[0]).toMatchObject({
      status: "fail",
      message: expect.stringMatching(
        /^cannot connect to 127\.0\.0\.1:\d+\/presence: connection refused \(ECONNREFUSED\)$/,
      ),
    });
  });
});
