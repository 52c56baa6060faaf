import { createHmac, timingSafeEqual } from "node:crypto";
import { describe, expect, it, onTestFinished } from "vitest";
import { emulatorForTest, webClient } from "../test-helpers.ts";
import { startEventReceiver } from "../testing/event-receiver.ts";
import type { EventReceiver, ReceivedRequest } from "../testing/event-receiver.ts";
import { seedWorkspace } from "../testing/seed.ts";
import type { SlackEmulatorOptions } from "../emulator-options.ts";

const FAST: SlackEmulatorOptions = { delivery: { ackTimeoutMs: 300, retryDelaysMs: [10, 20, 30] } };

async function receiver(): Promise<EventReceiver> {
  const r = await startEventReceiver();
  onTestFinished(() => r.close());
  return r;
}

/** Verifies a request the way Slack documents it: v0=HMAC-SHA256(secret, "v0:{ts}:{raw body}"), 5-minute window. */
function verifySignature(secret: string, request: ReceivedRequest): boolean {
  const timestamp = String(request.headers["x-slack-request-timestamp"]);
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${request.rawBody}`).digest("hex")}`;
  const got = String(request.headers["x-slack-signature"]);
  return got.length === expected.length && timingSafeEqual(Buffer.from(got), Buffer.from(expected));
}

const eventType = (request: ReceivedRequest): string =>
  String((request.body?.event as { type?: string } | undefined)?.type);

describe("Events API over HTTP", () => {
  it("a status write fires user_change and user_status_changed, signed, with distinct event_ids", async () => {
    const emulator = await emulatorForTest(FAST);
    const events = await receiver();
    const seeded = seedWorkspace(emulator, { app: { requestUrl: events.url } });
    const grace = seeded.people[1]?.id ?? "";
    await webClient(emulator, seeded.userTokens.get(grace)).users.profile.set({
      profile: { status_text: "In a meeting", status_emoji: ":calendar:" },
    });
    const received = await events.waitFor(2);
    expect(received.map(eventType).sort()).toEqual(["user_change", "user_status_changed"]);
    for (const request of received) {
      expect(verifySignature(seeded.app.signingSecret, request)).toBe(true);
      expect(verifySignature("wrong-secret", request)).toBe(false);
      expect(request.headers["content-type"]).toBe("application/json");
      expect(request.body).toMatchObject({
        token: seeded.app.verificationToken,
        team_id: seeded.workspace.id,
        api_app_id: seeded.app.id,
        type: "event_callback",
        is_ext_shared_channel: false,
        authorizations: [
          {
            enterprise_id: null,
            team_id: seeded.workspace.id,
            user_id: seeded.install.botUserId,
            is_bot: true,
            is_enterprise_install: false,
          },
        ],
        event: {
          user: {
            id: grace,
            profile: {
              status_text: "In a meeting",
              status_emoji: ":calendar:",
              huddle_state: "default_unset",
            },
          },
        },
      });
      expect(typeof request.body?.event_context).toBe("string");
    }
    expect(new Set(received.map((r) => r.body?.event_id)).size).toBe(2);
  });

  it("retries a 500 with X-Slack-Retry-Num/Reason and the same event_id", async () => {
    const emulator = await emulatorForTest(FAST);
    const events = await receiver();
    events.reply = (_request, index) => (index < 2 ? { status: 500 } : { status: 200 });
    const seeded = seedWorkspace(emulator, { app: { requestUrl: events.url, botEvents: ["user_change"] } });
    emulator.control.setStatus({ userId: seeded.people[1]?.id ?? "", text: "Commuting", emoji: ":bus:" });
    const received = await events.waitFor(3);
    expect(received.map((r) => [r.headers["x-slack-retry-num"], r.headers["x-slack-retry-reason"]])).toEqual([
      [undefined, undefined],
      ["1", "http_error"],
      ["2", "http_error"],
    ]);
    expect(new Set(received.map((r) => r.body?.event_id)).size).toBe(1);
    const [delivery] = await emulator.control.waitForDeliveries({ eventType: "user_change" });
    expect(delivery?.attempts.map((a) => a.outcome)).toEqual(["http_error", "http_error", "ok"]);
  });

  it("retries a slow receiver as http_timeout and gives up after three retries", async () => {
    const emulator = await emulatorForTest(FAST);
    const events = await receiver();
    events.reply = () => ({ status: 200, delayMs: 600 });
    const seeded = seedWorkspace(emulator, { app: { requestUrl: events.url, botEvents: ["user_change"] } });
    emulator.control.setStatus({ userId: seeded.people[1]?.id ?? "", text: "Focus", emoji: ":headphones:" });
    const [delivery] = await emulator.control.waitForDeliveries({ state: "failed", timeoutMs: 5000 });
    expect(delivery?.attempts.map((a) => [a.retryNum, a.retryReason, a.outcome])).toEqual([
      [0, "", "http_timeout"],
      [1, "http_timeout", "http_timeout"],
      [2, "http_timeout", "http_timeout"],
      [3, "http_timeout", "http_timeout"],
    ]);
    const received = await events.waitFor(4);
    expect(received.map((r) => r.headers["x-slack-retry-reason"])).toEqual([
      undefined,
      "http_timeout",
      "http_timeout",
      "http_timeout",
    ]);
  });

  it("does not retry when the receiver answers X-Slack-No-Retry: 1", async () => {
    const emulator = await emulatorForTest(FAST);
    const events = await receiver();
    events.reply = () => ({ status: 500, headers: { "x-slack-no-retry": "1" } });
    const seeded = seedWorkspace(emulator, { app: { requestUrl: events.url, botEvents: ["user_change"] } });
    emulator.control.setStatus({
      userId: seeded.people[1]?.id ?? "",
      text: "Sick",
      emoji: ":face_with_thermometer:",
    });
    const [delivery] = await emulator.control.waitForDeliveries({ state: "failed" });
    expect(delivery?.attempts).toHaveLength(1);
    expect(delivery?.attempts[0]).toMatchObject({ status: 500, noRetry: true });
    await emulator.control.idle();
    expect(events.requests).toHaveLength(1);
  });

  it("runs the url_verification handshake when a Request URL is set", async () => {
    const emulator = await emulatorForTest(FAST);
    const events = await receiver();
    const { app } = emulator.control.createApp({});
    expect(await emulator.control.setRequestUrl({ appId: app.id, url: events.url })).toMatchObject({
      verified: true,
    });
    const [challenge] = events.requests;
    expect(challenge?.body).toMatchObject({ type: "url_verification", token: app.verificationToken });
    expect(verifySignature(app.signingSecret, challenge as ReceivedRequest)).toBe(true);
    const silent = await receiver();
    silent.reply = () => ({ status: 200, body: "ok" });
    expect(await emulator.control.setRequestUrl({ appId: app.id, url: silent.url })).toMatchObject({
      verified: false,
    });
    expect(emulator.control.deliveries()).toEqual([]);
  });

  it("a huddle fires user_change and user_huddle_changed with huddle_state", async () => {
    const emulator = await emulatorForTest(FAST);
    const events = await receiver();
    const seeded = seedWorkspace(emulator, { app: { requestUrl: events.url } });
    const grace = seeded.people[1]?.id ?? "";
    emulator.control.joinHuddle({ userId: grace, callId: "R0123ABC456" });
    const joined = await events.waitFor(2);
    expect(joined.map(eventType).sort()).toEqual(["user_change", "user_huddle_changed"]);
    expect(joined[0]?.body?.event).toMatchObject({
      user: { profile: { huddle_state: "in_a_huddle", huddle_state_call_id: "R0123ABC456" } },
    });
    emulator.control.leaveHuddle({ userId: grace });
    const all = await events.waitFor(4);
    expect(
      all
        .slice(2)
        .every(
          (r) =>
            (r.body?.event as { user: { profile: { huddle_state: string } } }).user.profile.huddle_state ===
            "default_unset",
        ),
    ).toBe(true);
  });

  it("DND: dnd_updated only through the person's own dnd:read authorization; dnd_updated_user without snooze fields", async () => {
    const emulator = await emulatorForTest(FAST);
    const events = await receiver();
    const seeded = seedWorkspace(emulator, {
      app: { requestUrl: events.url, userEvents: ["dnd_updated", "dnd_updated_user"] },
    });
    const [ada, grace] = seeded.people;
    const outsider = emulator.control.createUser({ teamId: seeded.workspace.id, name: "outsider" });
    await webClient(emulator, seeded.userTokens.get(grace?.id ?? "")).dnd.setSnooze({ num_minutes: 45 });
    const received = await events.waitFor(2);
    const own = received.find((r) => eventType(r) === "dnd_updated");
    const any = received.find((r) => eventType(r) === "dnd_updated_user");
    expect(own?.body).toMatchObject({
      authorizations: [{ user_id: grace?.id, is_bot: false }],
      event: { user: grace?.id, dnd_status: { snooze_enabled: true, snooze_remaining: 2700 } },
    });
    expect(any?.body?.event).toEqual({
      type: "dnd_updated_user",
      user: grace?.id,
      dnd_status: { dnd_enabled: false, next_dnd_start_ts: 1, next_dnd_end_ts: 1 },
      event_ts: expect.any(String),
    });
    // Someone who never authorized the app: no dnd_updated (only the workspace-wide dnd_updated_user).
    emulator.control.snoozeDnd({ userId: outsider.id, minutes: 10 });
    await events.waitFor(3);
    await emulator.control.idle();
    expect(events.requests.slice(2).map(eventType)).toEqual(["dnd_updated_user"]);
    expect(ada).toBeDefined();
  });

  it("only delivers subscribed events", async () => {
    const emulator = await emulatorForTest(FAST);
    const events = await receiver();
    const seeded = seedWorkspace(emulator, {
      app: { requestUrl: events.url, botEvents: ["user_change"], userEvents: [] },
    });
    emulator.control.setStatus({ userId: seeded.people[1]?.id ?? "", text: "Lunch", emoji: ":sandwich:" });
    emulator.control.snoozeDnd({ userId: seeded.people[1]?.id ?? "", minutes: 5 });
    await events.waitFor(1);
    await emulator.control.idle();
    expect(events.requests.map(eventType)).toEqual(["user_change"]);
  });

  it("app_home_opened carries the published view", async () => {
    const emulator = await emulatorForTest(FAST);
    const events = await receiver();
    const seeded = seedWorkspace(emulator, { app: { requestUrl: events.url } });
    const grace = seeded.people[1]?.id ?? "";
    emulator.control.openAppHome({ appId: seeded.app.id, userId: grace });
    const [first] = await events.waitFor(1);
    expect(first?.body?.event).toMatchObject({ type: "app_home_opened", user: grace, tab: "home" });
    expect((first?.body?.event as { view?: unknown }).view).toBeUndefined();
    await webClient(emulator, seeded.install.bot.token).views.publish({
      user_id: grace,
      view: { type: "home", blocks: [] },
    });
    emulator.control.openAppHome({ appId: seeded.app.id, userId: grace });
    const both = await events.waitFor(2);
    expect(both[1]?.body?.event).toMatchObject({ view: { type: "home", app_id: seeded.app.id } });
  });

  it("caps deliveries per app and workspace and sends app_rate_limited once per minute", async () => {
    const emulator = await emulatorForTest({ delivery: { ...FAST.delivery, eventsPerWindow: 3 } });
    const events = await receiver();
    const seeded = seedWorkspace(emulator, { app: { requestUrl: events.url, botEvents: ["user_change"] } });
    for (const text of ["a", "b", "c", "d", "e"])
      emulator.control.setStatus({ userId: seeded.people[1]?.id ?? "", text, emoji: ":x:" });
    await emulator.control.idle();
    expect(emulator.control.deliveries({ state: "dropped" })).toHaveLength(2);
    const limited = events.requests.filter((r) => r.body?.type === "app_rate_limited");
    expect(limited).toHaveLength(1);
    expect(limited[0]?.body).toMatchObject({
      type: "app_rate_limited",
      team_id: seeded.workspace.id,
      api_app_id: seeded.app.id,
      minute_rate_limited: expect.any(Number),
    });
    expect(events.requests.filter((r) => r.body?.type === "event_callback")).toHaveLength(3);
  });
});
