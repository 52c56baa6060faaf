import type { UserView } from "@presence/graph-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readTenant } from "../jobs/teams-tasks.ts";
import { coveredPeople, linkedPeople } from "./watched-people.ts";
import { addServiceAccounts } from "../testing/browser-sign-in.ts";
import { linkPeople, startWorld, type World } from "../testing/teams-world.ts";

// Only the routes are served (sign-in, handshake); the test runs the subscription upkeep itself.
let world: World;
let accounts: UserView[];

beforeAll(async () => {
  world = await startWorld({ people: 1500, run: "http", env: { GRAPH_READ_MODE: "notify" } });
  accounts = await addServiceAccounts(world, 4);
});
afterAll(async () => {
  await world?.close();
});

const byCreator = () => new Map(world.emulator.control.subscriptions().map((s) => [s.creatorId, s]));

describe("service accounts in notify mode", () => {
  it("covers 1,500 people with exactly 3 of the 4 signed-in service accounts (650 + 650 + 200)", async () => {
    await world.bridge.subscriptions.maintain(world.tenantId);
    const subscriptions = world.emulator.control.subscriptions();
    expect(subscriptions).toHaveLength(3);
    expect(new Set(subscriptions.map((s) => s.creatorId)).size).toBe(3);
    expect(subscriptions.map((s) => s.userIds.length).sort((a, b) => b - a)).toEqual([650, 650, 200]);
    const watched = new Set(subscriptions.flatMap((s) => s.userIds));
    expect(watched).toEqual(new Set(world.people.map((p) => p.id.toLowerCase())));
    expect(byCreator().has(accounts[3]?.id ?? "")).toBe(false);
    expect((await coveredPeople(world.t.db, world.tenantId, Date.now())).size).toBe(1500);
  });

  it("keeps people where they are as more are linked, and polls those beyond every account's room", async () => {
    const before = byCreator();
    const newcomers = Array.from({ length: 1200 }, (_, i) =>
      world.emulator.control.createUser({ tenantId: world.tenantId, displayName: `Newcomer ${i + 1}` }),
    );
    await linkPeople(world.t, world.tenantId, newcomers, 1500);
    await world.bridge.subscriptions.maintain(world.tenantId);

    const after = byCreator();
    expect(after.size).toBe(4);
    // The two full blocks are untouched (same subscriptions); the third grew (recreated), the fourth is new.
    const full = [...before.values()].filter((s) => s.userIds.length === 650);
    for (const subscription of full) expect(after.get(subscription.creatorId)?.id).toBe(subscription.id);
    expect([...after.values()].map((s) => s.userIds.length)).toEqual([650, 650, 650, 650]);

    const linked = await linkedPeople(world.t.db, world.tenantId);
    const covered = await coveredPeople(world.t.db, world.tenantId, Date.now());
    const fallback = linked.filter((id) => !covered.has(id));
    expect(linked).toHaveLength(2700);
    expect(fallback).toHaveLength(100);

    // A poll (reconciliation not due) reads exactly the 100 people no subscription covers: one request.
    world.emulator.control.clearRequests();
    const { reader } = world.bridge;
    await readTenant(
      { ...world.bridge.context, reader },
      { tenantId: world.tenantId, lastReconcileAt: Date.now() },
    );
    const reads = world.emulator.control
      .requests({ surface: "graph" })
      .filter((r) => r.path.endsWith("/getPresencesByUserId"));
    expect(reads).toHaveLength(1);
    expect(
      await world.t.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'observe'`,
    ).toEqual([{ n: 100n }]);
  });
});
