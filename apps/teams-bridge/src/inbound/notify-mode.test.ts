import { getCredential, listSyncEvents } from "@presence/db";
import type { UserView } from "@presence/graph-emulator";
import { eventually } from "@presence/graph-emulator/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { TEAMS_TASKS } from "../jobs/job-chains.ts";
import { addServiceAccounts } from "../testing/browser-sign-in.ts";
import { startWorld, type World } from "../testing/teams-world.ts";
import { TOKEN_CACHE_KIND, serviceAccountOwner } from "./service-account-session.ts";

// Subscriptions live 60 min × 0.002 = 7.2 s in the emulator, Graph asks for reauthorization 1.2 s
// before expiry, and the bridge renews only at 90 % of the lifetime (6.5 s): the lifecycle event
// comes first. Reads other than notifications are rare.
let world: World;
let account: UserView;

beforeAll(async () => {
  world = await startWorld({
    people: 3,
    emulator: { timeScale: 0.002 },
    env: {
      GRAPH_READ_MODE: "notify",
      GRAPH_POLL_INTERVAL_SECONDS: "60",
      GRAPH_RECONCILE_INTERVAL_SECONDS: "30",
      GRAPH_SUBSCRIPTION_CHECK_INTERVAL_SECONDS: "60",
      GRAPH_SUBSCRIPTION_RENEW_FRACTION: "0.9",
    },
  });
  [account] = (await addServiceAccounts(world, 1)) as [UserView];
});
afterAll(async () => {
  await world?.close();
});

const subscriptions = () => world.emulator.control.subscriptions();
const pendingWork = async () => ({
  fetches: await world.t.db.graphPresenceFetch.count(),
  jobs: Number(
    (
      await world.t.db.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM graphile_worker.jobs
        WHERE task_identifier IN (${TEAMS_TASKS.fetch}, ${TEAMS_TASKS.lifecycle}, 'observe')`
    )[0]?.n ?? 0,
  ),
});

describe("notify mode", () => {
  it("signs a service account in (authorization code + PKCE, offline_access) and stores its tokens encrypted", async () => {
    const row = await world.t.db.graphServiceAccount.findFirstOrThrow({ where: { userId: account.id } });
    expect(row).toMatchObject({ status: "active", userPrincipalName: account.userPrincipalName });
    const owner = serviceAccountOwner(world.tenantId, account.id);
    const stored = await world.t.db.credential.findUniqueOrThrow({
      where: { kind_owner: { kind: TOKEN_CACHE_KIND, owner } },
    });
    const cache = await getCredential(world.t.db, world.runtime.keyRing, TOKEN_CACHE_KIND, owner);
    const refreshTokens = Object.values(
      (JSON.parse(cache?.secret ?? "{}") as { RefreshToken?: object }).RefreshToken ?? {},
    );
    expect(refreshTokens).toHaveLength(1);
    const secret = (refreshTokens[0] as { secret: string }).secret;
    expect(stored.ciphertext).not.toContain(secret);
    expect(stored.ciphertext.startsWith("v1.")).toBe(true);
  });

  it("subscribes for everyone linked, after Graph's validation handshake on both URLs", async () => {
    await eventually(async () => {
      expect(subscriptions()).toHaveLength(1);
      expect(await world.t.db.graphSubscription.count()).toBe(1);
    }, 10_000);
    const [subscription] = subscriptions();
    expect(subscription).toMatchObject({
      creatorId: account.id,
      applicationId: world.clientId,
      changeType: "updated",
    });
    expect([...(subscription?.userIds ?? [])].sort()).toEqual(
      world.people.map((p) => p.id.toLowerCase()).sort(),
    );
    expect(subscription?.resource).toMatch(/^\/communications\/presences\?\$filter=id in \('/);
    expect(subscription?.clientState?.length).toBeLessThanOrEqual(128);
    const validations = world.emulator.control.deliveries().filter((d) => d.kind === "validation" && d.ok);
    expect(validations.map((d) => new URL(d.url).pathname).sort()).toEqual([
      "/graph/lifecycle",
      "/graph/notifications",
    ]);
    // Only the hash of the clientState is stored.
    const row = await world.t.db.graphSubscription.findUniqueOrThrow({
      where: { id: subscription?.id ?? "" },
    });
    expect(row.clientStateHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(subscription?.clientState ?? "none");
  });

  it("answers the validation handshake with the decoded token as plain text", async () => {
    const response = await fetch(
      `${world.url}/graph/notifications?validationToken=${encodeURIComponent("Validation: a+b c&d")}`,
      {
        method: "POST",
        headers: { "content-type": "text/plain; charset=utf-8" },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe("Validation: a+b c&d");
  });

  it("takes a change in through a notification, and it reaches the pipeline as a decision", async () => {
    const [person] = world.people;
    const [link] = world.links;
    if (!person || !link) throw new Error("fixture");
    await world.teamsBaseline();
    await world.slackObservation(link);
    await world.idle();
    world.emulator.control.clearDeliveries();

    world.emulator.control.openTeamsSession(person.id, {
      availability: "DoNotDisturb",
      activity: "Presenting",
    });

    await eventually(async () => {
      const mirrored = (await listSyncEvents(world.t.db, { linkId: link.id })).filter(
        (e) => e.kind === "mirrored",
      );
      expect(mirrored.map((e) => (e.detail as { source?: string }).source)).toContain("graph:notification");
      expect(world.slackWrites).toContainEqual(
        expect.objectContaining({
          facet: "status",
          value: expect.objectContaining({ text: "Presenting (via Teams)" }),
        }),
      );
    }, 10_000);
    const changes = world.emulator.control.deliveries().filter((d) => d.kind === "change");
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((d) => d.status === 202 && d.durationMs < 3000)).toBe(true);
  });

  it("refuses a wrong clientState, an unknown subscription and a malformed body, and stores nothing", async () => {
    await world.idle();
    const before = await pendingWork();
    const [subscription] = subscriptions();
    const [person] = world.people;
    if (!subscription || !person) throw new Error("fixture");
    const notification = (subscriptionId: string, clientState: string) => ({
      value: [
        {
          subscriptionId,
          clientState,
          changeType: "updated",
          tenantId: world.tenantId,
          organizationId: world.tenantId,
          resource: `communications/presences/${person.id}`,
          subscriptionExpirationDateTime: new Date(Date.now() + 60_000).toISOString(),
          resourceData: {
            "@odata.id": `users/${person.id}/presence`,
            "@odata.type": "#microsoft.graph.presence",
            id: person.id,
          },
        },
      ],
    });
    const post = (path: string, body: unknown) =>
      fetch(`${world.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });

    expect(
      (await post("/graph/notifications", notification(subscription.id, "not-the-client-state"))).status,
    ).toBe(202);
    expect((await post("/graph/notifications", notification(subscription.id, ""))).status).toBe(202);
    expect(
      (
        await post(
          "/graph/notifications",
          notification("6f1c1e58-0000-4000-8000-000000000000", subscription.clientState ?? ""),
        )
      ).status,
    ).toBe(202);
    const lifecycle = {
      value: [
        {
          subscriptionId: subscription.id,
          subscriptionExpirationDateTime: new Date().toISOString(),
          tenantId: world.tenantId,
          clientState: "guessed",
          lifecycleEvent: "reauthorizationRequired",
        },
      ],
    };
    expect((await post("/graph/lifecycle", lifecycle)).status).toBe(202);
    // A lifecycle event of a kind not known here, beside a forged one: both dropped, the batch still 202.
    const unknownEvent = {
      value: [
        { ...lifecycle.value[0], clientState: subscription.clientState, lifecycleEvent: "somethingNew" },
      ],
    };
    expect((await post("/graph/lifecycle", unknownEvent)).status).toBe(202);
    expect((await post("/graph/notifications", { value: [{ hello: "world" }] })).status).toBe(202);
    expect((await post("/graph/notifications", "{not json")).status).toBe(400);
    expect((await post("/graph/notifications", { hello: "world" })).status).toBe(400);

    expect(await pendingWork()).toEqual(before);
    // The real subscription's own clientState (known to the emulator) is accepted.
    expect(
      (await post("/graph/notifications", notification(subscription.id, subscription.clientState ?? "")))
        .status,
    ).toBe(202);
  });

  it("answers reauthorizationRequired by reauthorizing (a PATCH with a fresh token), and the subscription lives on", async () => {
    const [subscription] = subscriptions();
    if (!subscription) throw new Error("no subscription");
    const firstExpiry = subscription.expiresAt;
    await eventually(() => {
      const lifecycle = world.emulator.control
        .deliveries()
        .filter((d) => d.kind === "lifecycle" && d.subscriptionId === subscription.id);
      expect(lifecycle.map((d) => d.status)).toContain(202);
      expect(subscriptions()[0]?.expiresAt ?? 0).toBeGreaterThan(firstExpiry);
    }, 15_000);
    const patches = world.emulator.control
      .requests({ surface: "graph", method: "PATCH" })
      .filter((r) => r.path === `/v1.0/subscriptions/${subscription.id}`);
    expect(patches.map((r) => r.status)).toContain(200);
    expect(subscriptions().map((s) => s.id)).toEqual([subscription.id]);
    // The emulator has answered the PATCH; the bridge counts it once it has read the answer.
    await eventually(async () => {
      const operations = await world.bridge.graph.metrics.subscriptions.get();
      expect(operations.values).toContainEqual(
        expect.objectContaining({ labels: { operation: "reauthorize", outcome: "done" } }),
      );
    }, 5_000);
  });
});
