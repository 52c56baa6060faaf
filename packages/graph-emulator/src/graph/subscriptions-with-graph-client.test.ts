import type { Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { newGuid } from "../ids.ts";
import {
  changeNotificationCollectionSchema,
  lifecycleNotificationCollectionSchema,
  subscriptionResourceSchema,
} from "../schemas/subscription-schemas.ts";
import { eventually, sleep } from "../testing/eventually.ts";
import { startFixture, type Fixture } from "../testing/fixture.ts";
import { NotificationReceiver } from "../testing/notification-receiver.ts";
import { appTokenProvider, graphClientFor, msalFor } from "../testing/sdk-clients.ts";
import { signIn } from "../testing/sign-in.ts";

// timeScale 1/2000: subscriptions live 1.35–1.8 s, reauthorizationRequired comes 300 ms before expiry, fade is 150 ms.
let fx: Fixture;
let appGraph: Client;
let receiver: NotificationReceiver;

beforeAll(async () => {
  fx = await startFixture({
    timeScale: 0.0005,
    validationTimeoutMs: 500,
    notificationRetry: { retries: 2, initialDelayMs: 100 },
  });
  const { cca } = msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, { clientSecret: fx.app.clientSecret });
  appGraph = graphClientFor(fx.emulator, appTokenProvider(fx.emulator, cca));
  receiver = await new NotificationReceiver().start();
});
afterAll(async () => {
  await fx.emulator.close();
  await receiver.close();
});
beforeEach(() => {
  receiver.validation = "echo";
  receiver.notificationStatus = 202;
});

const inMinutes = (minutes: number): string => new Date(Date.now() + minutes * 60_000).toISOString();

/** A fresh signed-in service account (one presence subscription per user per app). */
async function serviceAccount(name: string) {
  const user = fx.emulator.control.createUser({ tenantId: fx.tenant.id, displayName: name });
  const { cca } = msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, { clientSecret: fx.app.clientSecret });
  const session = await signIn(fx.emulator, cca, user.userPrincipalName);
  return { user, graph: graphClientFor(fx.emulator, session.getAccessToken), cca, session };
}

function body(watched: string[], extra: Record<string, unknown> = {}) {
  return {
    changeType: "updated",
    notificationUrl: `${receiver.url}/notify`,
    lifecycleNotificationUrl: `${receiver.url}/lifecycle`,
    resource:
      watched.length === 1
        ? `/communications/presences/${watched[0]}`
        : `/communications/presences?$filter=id in (${watched.map((id) => `'${id}'`).join(",")})`,
    expirationDateTime: inMinutes(60),
    clientState: "secret-client-state",
    ...extra,
  };
}

const watchedId = (i: number): string => fx.users[i]?.id ?? "";

describe("creating presence subscriptions", () => {
  it("refuses app-only tokens with 403", async () => {
    await expect(appGraph.api("/subscriptions").post(body([watchedId(0)]))).rejects.toMatchObject({
      statusCode: 403,
    });
  });

  it("runs the validation handshake on both URLs, then answers 201 with the subscription", async () => {
    const account = await serviceAccount("Subscriber A");
    const before = receiver.validations().length;
    const created = subscriptionResourceSchema.parse(
      await account.graph.api("/subscriptions").post(body([watchedId(0), watchedId(1)])),
    );
    const validations = receiver.validations().slice(before);
    expect(validations.map((v) => v.path).sort()).toEqual(["/lifecycle", "/notify"]);
    expect(validations[0]?.contentType).toMatch(/^text\/plain/);
    expect(validations[0]?.query.get("validationToken")).toMatch(/ /);
    expect(created).toMatchObject({
      applicationId: fx.app.clientId,
      creatorId: account.user.id,
      changeType: "updated",
      clientState: "secret-client-state",
    });
    const lifetime = Date.parse(created.expirationDateTime) - Date.now();
    expect(lifetime).toBeGreaterThan(fx.emulator.config.subscriptionMinLifetimeMs);
    expect(lifetime).toBeLessThanOrEqual(fx.emulator.config.subscriptionMaxLifetimeMs);
    expect(await account.graph.api(`/subscriptions/${created.id}`).get()).toMatchObject({ id: created.id });
    const listed = (await account.graph.api("/subscriptions").get()) as { value: { id: string }[] };
    expect(listed.value.map((s) => s.id)).toEqual([created.id]);
  });

  it.each([
    ["echo-encoded", /must exactly match/],
    ["status-500", /must respond with 200 OK/],
    ["json", /content type text\/plain/],
    ["silent", /timed out/],
  ] as const)("fails with 400 when the endpoint answers the handshake %s", async (behaviour, message) => {
    const account = await serviceAccount(`Handshake ${behaviour}`);
    receiver.validation = behaviour;
    const error = await account.graph
      .api("/subscriptions")
      .post(body([watchedId(0)]))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 400, code: "InvalidRequest" });
    expect((error as Error).message).toMatch(message);
    expect(fx.emulator.control.subscriptions().filter((s) => s.creatorId === account.user.id)).toEqual([]);
  });

  it("allows one presence subscription per user per app: the second is 409", async () => {
    const account = await serviceAccount("Twice");
    await account.graph.api("/subscriptions").post(body([watchedId(0)]));
    await expect(account.graph.api("/subscriptions").post(body([watchedId(1)]))).rejects.toMatchObject({
      statusCode: 409,
    });
  });

  it("refuses 651 ids, non-updated change types, long clientState, too-late expiry, and https-less remote URLs", async () => {
    const account = await serviceAccount("Validator");
    const post = (b: object) => account.graph.api("/subscriptions").post(b);
    const many = Array.from({ length: 651 }, () => newGuid());
    await expect(post(body(many))).rejects.toMatchObject({ statusCode: 400 });
    await expect(post(body([watchedId(0)], { changeType: "created,updated" }))).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(post(body([watchedId(0)], { clientState: "x".repeat(129) }))).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(post(body([watchedId(0)], { expirationDateTime: inMinutes(61) }))).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(
      post(body([watchedId(0)], { notificationUrl: "http://example.com/notify" })),
    ).rejects.toMatchObject({ statusCode: 400 });
    await expect(post(body([watchedId(0)], { includeResourceData: true }))).rejects.toMatchObject({
      statusCode: 400,
    });
    const ok = subscriptionResourceSchema.parse(
      await post(body(many.slice(0, 650), { expirationDateTime: inMinutes(10) })),
    );
    // Under 45 minutes is bumped to 45 (scaled).
    expect(Date.parse(ok.expirationDateTime) - Date.now()).toBeGreaterThan(
      fx.emulator.config.subscriptionMinLifetimeMs - 500,
    );
  });
});

describe("notifications", () => {
  it("a presence change POSTs a basic notification with the clientState within the timeout", async () => {
    const account = await serviceAccount("Watcher");
    const watched = fx.emulator.control.createUser({ tenantId: fx.tenant.id, displayName: "Watched" }).id;
    const sub = subscriptionResourceSchema.parse(
      await account.graph.api("/subscriptions").post(body([watched, watchedId(2)])),
    );
    const mine = () =>
      receiver
        .notifications()
        .map((n) => changeNotificationCollectionSchema.parse(n))
        .filter((n) => n.value[0]?.subscriptionId === sub.id);
    const changedAt = Date.now();
    fx.emulator.control.openTeamsSession(watched, { availability: "Busy", activity: "InAMeeting" });
    await receiver.waitFor(() => mine().length === 1, 3000);
    expect(Date.now() - changedAt).toBeLessThan(3000);
    expect(mine()[0]?.value[0]).toMatchObject({
      clientState: "secret-client-state",
      changeType: "updated",
      tenantId: fx.tenant.id,
      resource: `communications/presences/${watched}`,
      resourceData: {
        id: watched,
        "@odata.type": "#microsoft.graph.presence",
        "@odata.id": `users/${watched}/presence`,
      },
    });
    // The bridge then reads presence.
    expect(await account.graph.api(`/communications/presences/${watched}`).get()).toMatchObject({
      availability: "Busy",
      activity: "InAMeeting",
    });
  });

  it("fade and expiry notify on their own timers, with no request to the emulator", async () => {
    const account = await serviceAccount("Timer watcher");
    const watched = fx.emulator.control.createUser({ tenantId: fx.tenant.id, displayName: "Fading" }).id;
    const sub = subscriptionResourceSchema.parse(
      await account.graph.api("/subscriptions").post(body([watched])),
    );
    await appGraph.api(`/users/${watched}/presence/setPresence`).post({
      sessionId: fx.app.clientId,
      availability: "Available",
      activity: "Available",
      expirationDuration: "PT15M",
    });
    const requestsBefore = fx.emulator.control.requests().length;
    const count = () =>
      receiver
        .notifications()
        .filter((n) => changeNotificationCollectionSchema.parse(n).value[0]?.subscriptionId === sub.id)
        .length;
    // Available (set) → AvailableIdle (150 ms) → Away (300 ms) → Offline (450 ms): four effective changes.
    await receiver.waitFor(() => count() === 4, 3000);
    expect(fx.emulator.control.requests().length).toBe(requestsBefore);
    expect(fx.emulator.control.presence(watched).availability).toBe("Offline");
  });

  it("retries a notification the endpoint answers with 5xx", async () => {
    const account = await serviceAccount("Flaky endpoint");
    const watched = fx.emulator.control.createUser({
      tenantId: fx.tenant.id,
      displayName: "Watched by flaky",
    }).id;
    const sub = subscriptionResourceSchema.parse(
      await account.graph.api("/subscriptions").post(body([watched])),
    );
    receiver.notificationStatus = 503;
    fx.emulator.control.openTeamsSession(watched, { availability: "Away", activity: "Away" });
    await eventually(() => {
      const attempts = fx.emulator.control
        .deliveries()
        .filter((d) => d.subscriptionId === sub.id && d.kind === "change");
      expect(attempts.map((a) => [a.attempt, a.status])).toEqual([
        [1, 503],
        [2, 503],
        [3, 503],
      ]);
    }, 3000);
  });
});

describe("lifetime", () => {
  it("PATCH renews (same lifetime rules); expiry then deletes silently", async () => {
    const account = await serviceAccount("Renewer");
    const created = subscriptionResourceSchema.parse(
      await account.graph
        .api("/subscriptions")
        .post(body([watchedId(0)], { lifecycleNotificationUrl: undefined })),
    );
    await sleep(500);
    const renewed = subscriptionResourceSchema.parse(
      await account.graph.api(`/subscriptions/${created.id}`).patch({ expirationDateTime: inMinutes(60) }),
    );
    expect(Date.parse(renewed.expirationDateTime)).toBeGreaterThan(Date.parse(created.expirationDateTime));
    await expect(
      account.graph.api(`/subscriptions/${created.id}`).patch({ expirationDateTime: inMinutes(90) }),
    ).rejects.toMatchObject({ statusCode: 400 });

    const postsBefore = receiver.posts.length;
    await eventually(
      () => expect(fx.emulator.control.subscriptions().some((s) => s.id === created.id)).toBe(false),
      5000,
    );
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(renewed.expirationDateTime) - 5);
    await expect(account.graph.api(`/subscriptions/${created.id}`).get()).rejects.toMatchObject({
      statusCode: 404,
    });
    // No subscriptionRemoved / missed for presence (reference §4.5): nothing was posted about it.
    expect(receiver.posts.slice(postsBefore).filter((p) => p.body.includes(created.id))).toEqual([]);
  });

  it("sends reauthorizationRequired to the lifecycle URL before expiry", async () => {
    const account = await serviceAccount("Lifecycle");
    const created = subscriptionResourceSchema.parse(
      await account.graph.api("/subscriptions").post(body([watchedId(1)])),
    );
    const events = () =>
      receiver
        .notifications("/lifecycle")
        .map((n) => lifecycleNotificationCollectionSchema.parse(n).value[0])
        .filter((e) => e?.subscriptionId === created.id);
    await receiver.waitFor(() => events().length === 1, 5000);
    expect(Date.parse(created.expirationDateTime) - Date.now()).toBeLessThanOrEqual(
      fx.emulator.config.reauthorizationLeadMs + 50,
    );
    expect(events()[0]).toMatchObject({
      lifecycleEvent: "reauthorizationRequired",
      clientState: "secret-client-state",
      tenantId: fx.tenant.id,
    });
    await account.graph.api(`/subscriptions/${created.id}/reauthorize`).post({});
  });

  it("revoking the user's grant sends reauthorizationRequired and holds notifications until reauthorized with a fresh token", async () => {
    const account = await serviceAccount("Revoked");
    const watched = fx.emulator.control.createUser({
      tenantId: fx.tenant.id,
      displayName: "Watched after revoke",
    }).id;
    const created = subscriptionResourceSchema.parse(
      await account.graph.api("/subscriptions").post(body([watched])),
    );
    await sleep(1100); // tokens carry whole seconds: make the revocation strictly later than the old token
    fx.emulator.control.revokeGrants({ userId: account.user.id, clientId: fx.app.clientId });
    await receiver.waitFor(
      () => receiver.notifications("/lifecycle").some((n) => JSON.stringify(n).includes(created.id)),
      2000,
    );

    fx.emulator.control.openTeamsSession(watched, { availability: "Busy", activity: "InACall" });
    await sleep(200);
    const changes = () => receiver.notifications().filter((n) => JSON.stringify(n).includes(created.id));
    expect(changes()).toEqual([]);
    await expect(
      account.graph.api(`/subscriptions/${created.id}/reauthorize`).post({}),
    ).rejects.toMatchObject({ statusCode: 403 });

    const again = await signIn(fx.emulator, account.cca, account.user.userPrincipalName);
    await graphClientFor(fx.emulator, again.getAccessToken)
      .api(`/subscriptions/${created.id}/reauthorize`)
      .post({});
    fx.emulator.control.openTeamsSession(watched, { availability: "DoNotDisturb", activity: "Presenting" });
    await receiver.waitFor(() => changes().length === 1, 2000);
  });

  it("a subscription Graph deletes behind the app's back answers 404", async () => {
    const account = await serviceAccount("Dropped");
    const created = subscriptionResourceSchema.parse(
      await account.graph.api("/subscriptions").post(body([watchedId(0)])),
    );
    fx.emulator.control.deleteSubscription(created.id);
    await expect(account.graph.api(`/subscriptions/${created.id}`).get()).rejects.toMatchObject({
      statusCode: 404,
    });
    await expect(
      account.graph.api(`/subscriptions/${created.id}`).patch({ expirationDateTime: inMinutes(60) }),
    ).rejects.toMatchObject({ statusCode: 404 });
    // ...and the user may subscribe again.
    subscriptionResourceSchema.parse(await account.graph.api("/subscriptions").post(body([watchedId(0)])));
  });

  it("DELETE answers 204", async () => {
    const account = await serviceAccount("Deleter");
    const created = subscriptionResourceSchema.parse(
      await account.graph.api("/subscriptions").post(body([watchedId(0)])),
    );
    await account.graph.api(`/subscriptions/${created.id}`).delete();
    expect(fx.emulator.control.requests({ method: "DELETE" }).at(-1)?.status).toBe(204);
    await expect(account.graph.api(`/subscriptions/${created.id}`).get()).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});
