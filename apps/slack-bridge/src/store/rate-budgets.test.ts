import { createDbClient } from "@presence/db";
import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { RateBudgets, type BudgetRule } from "./rate-budgets.ts";
import { slackBudgetRules } from "./slack-budget-rules.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const WINDOW = 60_000;

describe("rate budgets in Postgres", () => {
  it("two replicas taking at once never spend more than the allowance per window", async () => {
    const replicas = [
      new RateBudgets(t.db, { windowMs: WINDOW, guardMs: 0 }),
      new RateBudgets(t.db, { windowMs: WINDOW, guardMs: 0 }),
    ];
    const rule = [{ key: "method:T1:users.profile.set", limit: 5 }];
    const verdicts = await Promise.all(
      Array.from(
        { length: 20 },
        (_, i) => replicas[i % 2]?.take(rule) ?? Promise.reject(new Error("no replica")),
      ),
    );
    expect(verdicts.filter((v) => v.granted)).toHaveLength(5);
    const waits = verdicts
      .map((v) => (v.granted ? null : v.waitMs))
      .filter((w): w is number => w !== null)
      .sort((a, b) => a - b);
    expect(waits).toHaveLength(15);
    // The first turned away may come back when the window frees; the others one by one after it.
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[0]).toBeLessThanOrEqual(WINDOW);
    for (let i = 1; i < waits.length; i++)
      expect((waits[i] ?? 0) - (waits[i - 1] ?? 0)).toBeGreaterThanOrEqual(WINDOW / 5 - 500); // each wait is from its own "now"
  });

  it("has room again once the window has passed", async () => {
    const budgets = new RateBudgets(t.db, { windowMs: 300, guardMs: 0 });
    const rule = [{ key: "method:T9:users.list", limit: 1 }];
    expect(await budgets.take(rule)).toEqual({ granted: true });
    const refused = await budgets.take(rule);
    if (refused.granted) throw new Error("granted twice in one window");
    expect(refused.waitMs).toBeLessThanOrEqual(300);
    await new Promise((resolve) => setTimeout(resolve, refused.waitMs + 20));
    expect(await budgets.take(rule)).toEqual({ granted: true });
  });

  it("grants all rules of a call or none: a full per-person budget spends nothing from the method's", async () => {
    const budgets = new RateBudgets(t.db, { windowMs: 60_000, guardMs: 0 });
    const rules = (target: string) =>
      slackBudgetRules(
        {
          method: "users.profile.set",
          teamId: "T2",
          profile: { tokenOwner: "slack:T2:UADMIN", targetUserId: target },
        },
        0.1,
      );
    // 0.1 × (50 per method, 10 per person, 30 profiles per token) = 5, 1, 3.
    expect(await budgets.take(rules("U1"))).toEqual({ granted: true });
    expect(await budgets.take(rules("U1"))).toMatchObject({
      granted: false,
      key: "profile-person:slack:T2:UADMIN:U1",
    });
    expect(await budgets.take(rules("U2"))).toEqual({ granted: true });
    expect(await budgets.take(rules("U3"))).toEqual({ granted: true });
    // A fourth different profile for this token: refused by the per-token rule.
    expect(await budgets.take(rules("U4"))).toMatchObject({
      granted: false,
      key: "profile-token:slack:T2:UADMIN",
    });
    const [method] = await t.db.slackRateBudget.findMany({ where: { key: "method:T2:users.profile.set" } });
    expect(method?.hits).toHaveLength(3);
  });

  it("calls racing over overlapping budgets each spend from all their rules or from none", async () => {
    // Two replicas, each with a pool of its own, so the calls really run at once.
    const pools = [
      createDbClient({ url: t.url, poolSize: 10 }),
      createDbClient({ url: t.url, poolSize: 10 }),
    ];
    const replicas = pools.map((db) => new RateBudgets(db, { windowMs: WINDOW, guardMs: 0 }));
    // 40 calls through one token for four people (10 each), on new budgets: the method has room for 20
    // calls, each person for 3, the token for 2 different people. So exactly 6 are granted, 3 for each of
    // the first two people the token reaches. A call turned away by one budget that still spent from
    // another would show as a hit too many there.
    const rules = (i: number): BudgetRule[] => [
      { key: "method:T4:users.profile.set", limit: 20 },
      { key: `profile-person:slack:T4:UADMIN:U${i % 4}`, limit: 3 },
      { key: "profile-token:slack:T4:UADMIN", limit: 2, subject: `U${i % 4}` },
    ];
    try {
      const verdicts = await Promise.all(
        Array.from({ length: 40 }, (_, i) => {
          const replica = replicas[i % 2];
          return replica ? replica.take(rules(i)) : Promise.reject(new Error("no replica"));
        }),
      );
      const granted = verdicts.flatMap((v, i) => (v.granted ? [`U${i % 4}`] : []));
      const people = [...new Set(granted)].sort();
      expect(granted).toHaveLength(6);
      expect(people).toHaveLength(2);
      for (const person of people) expect(granted.filter((p) => p === person)).toHaveLength(3);
      for (const v of verdicts) if (!v.granted) expect(v.waitMs).toBeGreaterThan(0);

      const rows = await t.db.slackRateBudget.findMany({ where: { key: { contains: ":T4:" } } });
      const row = (key: string) => rows.find((r) => r.key === key);
      expect(row("method:T4:users.profile.set")?.hits).toHaveLength(6);
      for (let n = 0; n < 4; n++) {
        const person = row(`profile-person:slack:T4:UADMIN:U${n}`);
        expect(person?.hits.length ?? 0).toBe(people.includes(`U${n}`) ? 3 : 0);
      }
      expect([...(row("profile-token:slack:T4:UADMIN")?.subjects ?? [])].sort()).toEqual(people);
    } finally {
      await Promise.all(pools.map((db) => db.$disconnect()));
    }
  });

  it("a real 429 blocks the budget for its Retry-After", async () => {
    const budgets = new RateBudgets(t.db, { windowMs: 60_000, guardMs: 0 });
    const rule = [{ key: "method:T3:dnd.setSnooze", limit: 20 }];
    await budgets.block("method:T3:dnd.setSnooze", 30_000);
    const verdict = await budgets.take(rule);
    expect(verdict.granted).toBe(false);
    if (!verdict.granted) expect(verdict.waitMs).toBeGreaterThan(29_000);
    // A shorter block later never shortens it.
    await budgets.block("method:T3:dnd.setSnooze", 1000);
    const again = await budgets.take(rule);
    if (!again.granted) expect(again.waitMs).toBeGreaterThan(28_000);
    else throw new Error("the block was shortened");
  });
});
