import { afterEach, expect, it } from "vitest";

import { createTestDatabase, requirePostgres } from "./test-database.ts";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

it("with REQUIRE_POSTGRES=1 a test database never falls back to the embedded server", async () => {
  expect(requirePostgres({ REQUIRE_POSTGRES: "1" })).toBe(true);
  expect(requirePostgres({})).toBe(false);
  process.env.REQUIRE_POSTGRES = "1";
  process.env.TEST_DATABASE_URL = "postgres://postgres:secret@127.0.0.1:9/postgres";
  await expect(createTestDatabase()).rejects.toThrow(
    /REQUIRE_POSTGRES is set but no Postgres answers at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:9/,
  );
});
