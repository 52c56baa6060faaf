import { defaultRuleSet } from "@presence/core";
import { afterAll, beforeAll, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { addRuleVersion, getActiveRules } from "./rules.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

it("creates the defaults once however many workers ask at once, then numbers new versions after them", async () => {
  const first = await Promise.all(Array.from({ length: 8 }, () => getActiveRules(t.db)));
  expect(new Set(first.map((r) => r.version))).toEqual(new Set([1]));
  expect(await t.db.ruleSetVersion.count()).toBe(1);
  const next = await addRuleVersion(t.db, defaultRuleSet(), { comment: "edited", createdBy: "test" });
  expect(next.version).toBe(2);
  expect((await getActiveRules(t.db)).comment).toBe("edited");
});
