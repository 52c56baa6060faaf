import type { Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eventChangeNotificationCollectionSchema } from "../schemas/outlook-schemas.ts";
import { subscriptionResourceSchema } from "../schemas/subscription-schemas.ts";
import { appClient } from "../testing/app-client.ts";
import { startFixture, type Fixture } from "../testing/fixture.ts";
import { NotificationReceiver } from "../testing/notification-receiver.ts";
import { graphClientFor, msalFor } from "../testing/sdk-clients.ts";
import { signIn } from "../testing/sign-in.ts";

let fx: Fixture;
let graph: Client;
let receiver: NotificationReceiver;
const user = (i: number): string => fx.users[i]?.id ?? "";
const inMinutes = (minutes: number): string => new Date(Date.now() + minutes * 60_000).toISOString();

beforeAll(async () => {
  fx = await startFixture({
    validationTimeoutMs: 1000,
    notificationRetry: { retries: 1, initialDelayMs: 100 },
  });
  graph = appClient(fx.emulator, fx.tenant.id, ["Calendars.Read"]).graph;
  receiver = await new NotificationReceiver().start();
});
afterAll(async () => {
  await fx.emulator.close();
  await receiver.close();
});
beforeEach(() => {
  receiver.validation = "echo";
});

const subscriptionBody = (resource: string, extra: Record<string, unknown> = {}) => ({
  changeType: "created,updated,deleted",
  notificationUrl: `${receiver.url}/events`,
  lifecycleNotificationUrl: `${receiver.url}/lifecycle`,
  resource,
  expirationDateTime: inMinutes(4320),
  clientState: "calendar-client-state",
  ...extra,
});

const eventNotifications = () =>
  receiver.notifications("/events").map((n) => eventChangeNotificationCollectionSchema.parse(n).value[0]);

describe("subscriptions to a mailbox's events", () => {
  it("validates both URLs, then notifies created, updated and deleted with clientState (basic notifications)", async () => {
    const before = receiver.validations().length;
    const subscription = subscriptionResourceSchema.parse(
      await graph.api("/subscriptions").post(subscriptionBody(`/users/${user(0)}/events`)),
    );
    expect(
      receiver
        .validations()
        .slice(before)
        .map((v) => v.path)
        .sort(),
    ).toEqual(["/events", "/lifecycle"]);
    expect(subscription).toMatchObject({
      resource: `/users/${user(0)}/events`,
      changeType: "created,updated,deleted",
      clientState: "calendar-client-state",
    });

    const event = fx.emulator.control.addCalendarEvent(user(0), {
      subject: "Planning",
      start: "2030-04-01T09:00:00Z",
      end: "2030-04-01T10:00:00Z",
    });
    const updated = fx.emulator.control.updateCalendarEvent(user(0), event.id, { showAs: "tentative" });
    fx.emulator.control.removeCalendarEvent(user(0), event.id);
    await receiver.waitFor(() => eventNotifications().length === 3);
    const [created, changed, deleted] = eventNotifications();
    expect([created?.changeType, changed?.changeType, deleted?.changeType]).toEqual([
      "created",
      "updated",
      "deleted",
    ]);
    expect(created).toMatchObject({
      subscriptionId: subscription.id,
      clientState: "calendar-client-state",
      tenantId: fx.tenant.id,
      resource: `Users/${user(0)}/Events/${event.id}`,
      resourceData: {
        "@odata.type": "#Microsoft.Graph.Event",
        "@odata.id": `Users/${user(0)}/Events/${event.id}`,
        "@odata.etag": event.etag,
        id: event.id,
      },
    });
    expect(changed?.resourceData["@odata.etag"]).toBe(updated.etag);
    expect(updated.etag).not.toBe(event.etag);
    // Other mailboxes do not notify this subscription.
    fx.emulator.control.addCalendarEvent(user(1), {
      start: "2030-04-01T09:00:00Z",
      end: "2030-04-01T10:00:00Z",
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(eventNotifications()).toHaveLength(3);
    await graph.api(`/subscriptions/${subscription.id}`).delete();
  });

  it("only the subscribed change types are sent", async () => {
    const subscription = subscriptionResourceSchema.parse(
      await graph
        .api("/subscriptions")
        .post(subscriptionBody(`users/${user(2)}/events`, { changeType: "deleted" })),
    );
    const before = eventNotifications().length;
    const event = fx.emulator.control.addCalendarEvent(user(2), {
      start: "2030-04-02T09:00:00Z",
      end: "2030-04-02T10:00:00Z",
    });
    fx.emulator.control.removeCalendarEvent(user(2), event.id);
    await receiver.waitFor(() => eventNotifications().length === before + 1);
    expect(eventNotifications().at(-1)?.changeType).toBe("deleted");
    await graph.api(`/subscriptions/${subscription.id}`).delete();
  });

  it("allows up to 10,080 minutes and refuses more; renewals follow the same limit", async () => {
    const subscription = subscriptionResourceSchema.parse(
      await graph
        .api("/subscriptions")
        .post(subscriptionBody(`/users/${user(1)}/events`, { expirationDateTime: inMinutes(10_079) })),
    );
    await expect(
      graph
        .api("/subscriptions")
        .post(subscriptionBody(`/users/${user(1)}/events`, { expirationDateTime: inMinutes(10_090) })),
    ).rejects.toMatchObject({ statusCode: 400 });
    await expect(
      graph.api(`/subscriptions/${subscription.id}`).patch({ expirationDateTime: inMinutes(10_090) }),
    ).rejects.toMatchObject({ statusCode: 400 });
    const renewed = subscriptionResourceSchema.parse(
      await graph.api(`/subscriptions/${subscription.id}`).patch({ expirationDateTime: inMinutes(5000) }),
    );
    expect(Date.parse(renewed.expirationDateTime)).toBeGreaterThan(Date.now() + 4999 * 60_000);
    await graph.api(`/subscriptions/${subscription.id}`).delete();
  });

  it("refuses a failed handshake, other change types, and callers without Calendars.Read", async () => {
    receiver.validation = "status-500";
    await expect(
      graph.api("/subscriptions").post(subscriptionBody(`/users/${user(0)}/events`)),
    ).rejects.toMatchObject({ statusCode: 400 });
    receiver.validation = "echo";
    await expect(
      graph.api("/subscriptions").post(subscriptionBody(`/users/${user(0)}/events`, { changeType: "moved" })),
    ).rejects.toMatchObject({ statusCode: 400 });
    const basicOnly = appClient(fx.emulator, fx.tenant.id, ["Calendars.ReadBasic"]).graph;
    await expect(
      basicOnly.api("/subscriptions").post(subscriptionBody(`/users/${user(0)}/events`)),
    ).rejects.toMatchObject({ statusCode: 403 });
    await expect(graph.api("/subscriptions").post(subscriptionBody("/me/events"))).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it("a delegated caller subscribes to /me/events but not to someone else's mailbox", async () => {
    const { app } = appClient(fx.emulator, fx.tenant.id, [], {
      delegatedScopes: ["Calendars.Read", "offline_access"],
    });
    const { cca } = msalFor(fx.emulator, fx.tenant.id, app.clientId, { clientSecret: app.clientSecret });
    const session = await signIn(fx.emulator, cca, fx.users[1]?.userPrincipalName ?? "", ["Calendars.Read"]);
    const me = graphClientFor(fx.emulator, session.getAccessToken);
    const mine = subscriptionResourceSchema.parse(
      await me.api("/subscriptions").post(subscriptionBody("/me/events")),
    );
    expect(mine.creatorId).toBe(user(1));
    await expect(
      me.api("/subscriptions").post(subscriptionBody(`/users/${user(0)}/events`)),
    ).rejects.toMatchObject({ statusCode: 403 });
    const before = eventNotifications().length;
    fx.emulator.control.addCalendarEvent(user(1), {
      start: "2030-05-01T09:00:00Z",
      end: "2030-05-01T10:00:00Z",
    });
    await receiver.waitFor(() =>
      eventNotifications().some((n, i) => i >= before && n?.subscriptionId === mine.id),
    );
  });
});
