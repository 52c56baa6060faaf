import type { UserView } from "@presence/graph-emulator";
import { eventually, sleep } from "@presence/graph-emulator/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { addServiceAccounts, browserSignIn, serviceAccountPath } from "../testing/browser-sign-in.ts";
import { startWorld, type World } from "../testing/teams-world.ts";

// timeScale 0.001: a subscription asking for 60 minutes lives 3.6 s; Graph's 45-minute minimum is
// 2.7 s; reauthorizationRequired comes 0.6 s before expiry. The bridge renews at half the granted
// lifetime and GETs each subscription every second.
let world: World;
let account: UserView;

beforeAll(async () => {
  world = await startWorld({
    people: 2,
    emulator: { timeScale: 0.001, notificationRetry: { retries: 1, initialDelayMs: 200 } },
    env: {
      GRAPH_READ_MODE: "notify",
      GRAPH_POLL_INTERVAL_SECONDS: "1",
      GRAPH_RECONCILE_INTERVAL_SECONDS: "30",
      GRAPH_SUBSCRIPTION_CHECK_INTERVAL_SECONDS: "1",
      GRAPH_SUBSCRIPTION_RENEW_FRACTION: "0.5",
    },
  });
  [account] = (await addServiceAccounts(world, 1)) as [UserView];
});
afterAll(async () => {
  await world?.close();
});

const live = () => world.emulator.control.subscriptions();
const graphCalls = (method: string, pathPrefix: string) =>
  world.emulator.control
    .requests({ surface: "graph", method })
    .filter((r) => r.path.startsWith(`/v1.0${pathPrefix}`));

describe("subscription upkeep", () => {
  it("renews the subscription before it expires, relative to the expiry Graph granted", async () => {
    await eventually(() => expect(live()).toHaveLength(1), 10_000);
    const first = live()[0];
    if (!first) throw new Error("no subscription");
    const grantedLifetime = first.expiresAt - first.createdAt;
    expect(grantedLifetime).toBeLessThan(4000); // the emulator's scaled hour, not the hour asked for
    // Wait well past the granted lifetime: without a renewal Graph would have deleted it.
    await sleep(1.5 * grantedLifetime + 300);
    const now = live();
    expect(now.map((s) => s.id)).toEqual([first.id]);
    expect(now[0]?.expiresAt ?? 0).toBeGreaterThan(Date.now());
    const renewals = graphCalls("PATCH", `/subscriptions/${first.id}`).filter((r) => r.status === 200);
    expect(renewals.length).toBeGreaterThanOrEqual(1);
    const row = await world.t.db.graphSubscription.findUniqueOrThrow({ where: { id: first.id } });
    expect(Math.abs(row.expiresAt.getTime() - (now[0]?.expiresAt ?? 0))).toBeLessThan(1000);
  });

  it("finds a subscription Graph deleted without telling (periodic GET → 404) and recreates it", async () => {
    const [before] = live();
    if (!before) throw new Error("no subscription");
    world.emulator.control.deleteSubscription(before.id);
    await eventually(() => {
      expect(live()).toHaveLength(1);
      expect(live()[0]?.id).not.toBe(before.id);
    }, 10_000);
    const lookups = graphCalls("GET", `/subscriptions/${before.id}`).concat(
      graphCalls("PATCH", `/subscriptions/${before.id}`),
    );
    expect(lookups.some((r) => r.status === 404)).toBe(true);
    await eventually(async () =>
      expect(await world.t.db.graphSubscription.findUnique({ where: { id: before.id } })).toBeNull(),
    );
    // Notifications flow on the new one.
    const [person] = world.people;
    if (!person) throw new Error("fixture");
    world.emulator.control.clearDeliveries();
    world.emulator.control.openTeamsSession(person.id, { availability: "Busy", activity: "InACall" });
    await eventually(() => {
      const delivered = world.emulator.control.deliveries().filter((d) => d.kind === "change" && d.ok);
      expect(delivered.map((d) => d.subscriptionId)).toContain(live()[0]?.id);
    }, 5000);
  });

  it("handles reauthorizationRequired after the account's grant is revoked: polls meanwhile, resumes once signed in again", async () => {
    world.emulator.control.revokeGrants({ userId: account.id, clientId: world.clientId });
    await eventually(async () => {
      const row = await world.t.db.graphServiceAccount.findFirstOrThrow({ where: { userId: account.id } });
      expect(row.status).toBe("needs_reauth");
    }, 10_000);
    // Graph sent reauthorizationRequired at once; whichever came first — that event, or the next
    // renewal answering 403 — found the grant gone, and the subscription was dropped.
    const lifecycle = world.emulator.control.deliveries().filter((d) => d.kind === "lifecycle");
    expect(lifecycle.some((d) => new URL(d.url).pathname === "/graph/lifecycle")).toBe(true);
    expect(await world.t.db.graphSubscription.count()).toBe(0);

    // Its people fall back to polling.
    const polls = () => graphCalls("POST", "/communications/getPresencesByUserId").length;
    const before = polls();
    await eventually(() => expect(polls()).toBeGreaterThan(before + 1), 5000);

    // An admin signs the account in again: a new subscription, the account active again.
    const outcome = await browserSignIn(world, await serviceAccountPath(world), account);
    expect(outcome.status).toBe(200);
    await eventually(async () => {
      expect(live()).toHaveLength(1);
      expect(live()[0]?.creatorId).toBe(account.id);
      const row = await world.t.db.graphServiceAccount.findFirstOrThrow({ where: { userId: account.id } });
      expect(row.status).toBe("active");
    }, 10_000);
  });
});
