import type { Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeNotificationCollectionSchema } from "../schemas/subscription-schemas.ts";
import { presenceResourceSchema } from "../schemas/presence-schemas.ts";
import { eventually } from "../testing/eventually.ts";
import { startFixture, type Fixture } from "../testing/fixture.ts";
import { NotificationReceiver } from "../testing/notification-receiver.ts";
import { appTokenProvider, graphClientFor, msalFor } from "../testing/sdk-clients.ts";
import { signIn } from "../testing/sign-in.ts";

// The emulator's clock is the real one: events and schedules are placed a few hundred ms ahead and the emulator's
// own timers (the ones that fade and expire sessions) switch presence when they start and end.
let fx: Fixture;
let graph: Client;
let receiver: NotificationReceiver;
const user = (i: number): string => fx.users[i]?.id ?? "";
const at = (msFromNow: number): string => new Date(Date.now() + msFromNow).toISOString();

beforeAll(async () => {
  fx = await startFixture({ validationTimeoutMs: 1000 });
  const { cca } = msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, { clientSecret: fx.app.clientSecret });
  graph = graphClientFor(fx.emulator, appTokenProvider(fx.emulator, cca));
  receiver = await new NotificationReceiver().start();
});
afterAll(async () => {
  await fx.emulator.close();
  await receiver.close();
});

const presence = async (id: string) =>
  presenceResourceSchema.parse(await graph.api(`/users/${id}/presence`).get());

describe("presence from the Outlook calendar and automatic replies", () => {
  it("a busy event in progress shows Busy/InAMeeting, then the Teams state comes back; presence subscribers are told", async () => {
    const watcher = fx.emulator.control.createUser({ tenantId: fx.tenant.id, displayName: "Watcher" });
    const { cca } = msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, {
      clientSecret: fx.app.clientSecret,
    });
    const session = await signIn(fx.emulator, cca, watcher.userPrincipalName);
    await graphClientFor(fx.emulator, session.getAccessToken)
      .api("/subscriptions")
      .post({
        changeType: "updated",
        notificationUrl: `${receiver.url}/notify`,
        resource: `/communications/presences/${user(0)}`,
        expirationDateTime: new Date(Date.now() + 3_600_000).toISOString(),
        clientState: "presence-state",
      });
    fx.emulator.control.openTeamsSession(user(0), { availability: "Available", activity: "Available" });
    expect(await presence(user(0))).toMatchObject({ availability: "Available", activity: "Available" });
    await receiver.waitFor(() => receiver.notifications().length === 1); // the Teams session's change

    const before = receiver.notifications().length;
    fx.emulator.control.addCalendarEvent(user(0), { subject: "Standup", start: at(400), end: at(1200) });
    expect((await presence(user(0))).activity).toBe("Available");
    await eventually(async () => {
      expect(await presence(user(0))).toMatchObject({ availability: "Busy", activity: "InAMeeting" });
    });
    await receiver.waitFor(() => receiver.notifications().length > before);
    const notified = changeNotificationCollectionSchema.parse(receiver.notifications().at(-1));
    expect(notified.value[0]).toMatchObject({ clientState: "presence-state", resourceData: { id: user(0) } });
    await eventually(async () => {
      expect(await presence(user(0))).toMatchObject({ availability: "Available", activity: "Available" });
    });
  });

  it("Do not disturb beats the meeting; a tentative meeting counts; a free or cancelled one does not", async () => {
    fx.emulator.control.addCalendarEvent(user(1), { start: at(-1000), end: at(60_000), showAs: "free" });
    fx.emulator.control.addCalendarEvent(user(1), {
      start: at(-1000),
      end: at(60_000),
      showAs: "busy",
      isCancelled: true,
    });
    expect(await presence(user(1))).toMatchObject({ availability: "Offline", activity: "Offline" });
    fx.emulator.control.addCalendarEvent(user(1), { start: at(-1000), end: at(60_000), showAs: "tentative" });
    expect(await presence(user(1))).toMatchObject({ availability: "Busy", activity: "InAMeeting" });
    fx.emulator.control.openTeamsSession(user(1), { availability: "DoNotDisturb", activity: "Presenting" });
    expect(await presence(user(1))).toMatchObject({ availability: "DoNotDisturb", activity: "Presenting" });
  });

  it("scheduled automatic replies make the person out of office inside the window, with the internal message", async () => {
    fx.emulator.control.openTeamsSession(user(2), { availability: "Available", activity: "Available" });
    fx.emulator.control.setAutomaticReplies(user(2), {
      status: "scheduled",
      scheduledStartDateTime: at(400),
      scheduledEndDateTime: at(1200),
      internalReplyMessage: "Out until Monday",
    });
    expect((await presence(user(2))).outOfOfficeSettings.isOutOfOffice).toBe(false);
    await eventually(async () => {
      expect(await presence(user(2))).toMatchObject({
        availability: "Available",
        activity: "OutOfOffice",
        outOfOfficeSettings: { isOutOfOffice: true, message: "Out until Monday" },
      });
    });
    await eventually(async () => {
      expect(await presence(user(2))).toMatchObject({
        activity: "Available",
        outOfOfficeSettings: { isOutOfOffice: false, message: null },
      });
    });
  });

  it("an oof event in progress, or automatic replies always on, set isOutOfOffice", async () => {
    const id = fx.emulator.control.createUser({ tenantId: fx.tenant.id, displayName: "Traveller" }).id;
    const event = fx.emulator.control.addCalendarEvent(id, {
      start: at(-1000),
      end: at(60_000),
      showAs: "oof",
    });
    expect((await presence(id)).outOfOfficeSettings).toEqual({ isOutOfOffice: true, message: null });
    fx.emulator.control.removeCalendarEvent(id, event.id);
    expect((await presence(id)).outOfOfficeSettings.isOutOfOffice).toBe(false);
    fx.emulator.control.setAutomaticReplies(id, {
      status: "alwaysEnabled",
      internalReplyMessage: "Travelling",
    });
    expect((await presence(id)).outOfOfficeSettings).toEqual({ isOutOfOffice: true, message: "Travelling" });
  });
});
