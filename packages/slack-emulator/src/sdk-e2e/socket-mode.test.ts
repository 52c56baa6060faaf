import { App, LogLevel } from "@slack/bolt";
import { SocketModeClient } from "@slack/socket-mode";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { emulatorForTest, slackError, stopBeforeEmulator, webClient } from "../test-helpers.ts";
import { seedWorkspace } from "../testing/seed.ts";

interface SocketEvent {
  ack: () => Promise<void>;
  event: { type: string; user: { id: string; profile: { status_text: string } } };
  body: Record<string, unknown>;
  retry_num: number;
  retry_reason: string;
}

function nextEvent(client: SocketModeClient, type: string): Promise<SocketEvent> {
  return new Promise((resolve) => client.once(type, (payload: SocketEvent) => resolve(payload)));
}

describe("Socket Mode", () => {
  it("a Bolt App with socketMode + appToken receives user_change over the emulator's websocket", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator, { app: { socketMode: true } });
    const grace = seeded.people[1]?.id ?? "";
    const app = new App({
      token: seeded.install.bot.token,
      appToken: seeded.appToken,
      socketMode: true,
      clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } },
      logLevel: LogLevel.ERROR,
    });
    const received = new Promise<{ user: string; text: string; teamId: string | undefined }>((resolve) => {
      app.event("user_change", async ({ event, context }) =>
        resolve({ user: event.user.id, text: event.user.profile.status_text ?? "", teamId: context.teamId }),
      );
    });
    await app.start();
    stopBeforeEmulator(() => app.stop());
    expect(emulator.control.socketConnections({ appId: seeded.app.id })).toEqual({ count: 1 });
    emulator.control.setStatus({ userId: grace, text: "Presenting", emoji: ":projector:" });
    expect(await received).toEqual({ user: grace, text: "Presenting", teamId: seeded.workspace.id });
    const [delivery] = await emulator.control.waitForDeliveries({ eventType: "user_change" });
    expect(delivery).toMatchObject({ transport: "socket", attempts: [{ outcome: "ok", retryNum: 0 }] });
    expect(emulator.control.calls({ method: "apps.connections.open" })).toHaveLength(1);
  });

  it("re-sends an envelope that is not acked within the timeout, with retry_attempt and retry_reason", async () => {
    const emulator = await emulatorForTest({ delivery: { ackTimeoutMs: 300, retryDelaysMs: [0, 10, 10] } });
    const seeded = seedWorkspace(emulator, { app: { socketMode: true, botEvents: ["user_change"] } });
    const client = new SocketModeClient({
      appToken: seeded.appToken,
      clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } },
      logLevel: LogLevel.ERROR,
    });
    await client.start();
    stopBeforeEmulator(() => client.disconnect());
    const first = nextEvent(client, "user_change");
    emulator.control.setStatus({ userId: seeded.people[1]?.id ?? "", text: "Busy", emoji: ":no_entry:" });
    const unacked = await first;
    const second = await nextEvent(client, "user_change");
    await second.ack();
    expect([unacked.retry_num, unacked.retry_reason]).toEqual([0, ""]);
    expect([second.retry_num, second.retry_reason]).toEqual([1, "timeout"]);
    expect(second.body.event_id).toBe(unacked.body.event_id);
    const [delivery] = await emulator.control.waitForDeliveries({ eventType: "user_change" });
    expect(delivery?.attempts.map((a) => a.outcome)).toEqual(["timeout", "ok"]);
  });

  it("disconnect (refresh_requested) makes the client reconnect through apps.connections.open", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator, { app: { socketMode: true, botEvents: ["user_change"] } });
    const client = new SocketModeClient({
      appToken: seeded.appToken,
      clientPingTimeout: 100,
      clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } },
      logLevel: LogLevel.ERROR,
    });
    await client.start();
    stopBeforeEmulator(() => client.disconnect());
    const reconnected = new Promise<void>((resolve) => client.once("connected", () => resolve()));
    expect(emulator.control.disconnectSocket({ appId: seeded.app.id })).toEqual({ count: 1 });
    await reconnected;
    expect(emulator.control.calls({ method: "apps.connections.open" })).toHaveLength(2);
    const event = nextEvent(client, "user_change");
    emulator.control.setStatus({ userId: seeded.people[1]?.id ?? "", text: "Back", emoji: ":wave:" });
    const received = await event;
    await received.ack();
    expect(received.event.user.profile.status_text).toBe("Back");
  });

  it("apps.connections.open needs an app-level token with connections:write", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator);
    expect(
      (await slackError(webClient(emulator, seeded.install.bot.token).apps.connections.open({}))).error,
    ).toBe("not_allowed_token_type");
    const noScope = emulator.control.createAppToken({
      appId: seeded.app.id,
      scopes: ["authorizations:read"],
    });
    expect(await slackError(webClient(emulator, noScope.token).apps.connections.open({}))).toMatchObject({
      error: "missing_scope",
      needed: "connections:write",
    });
    const opened = await webClient(emulator, seeded.appToken).apps.connections.open({});
    expect(opened.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=/);
    // A ticket works once.
    const first = new WebSocket(opened.url ?? "");
    const hello = await new Promise<string>((resolve) =>
      first.once("message", (data: Buffer) => resolve(data.toString())),
    );
    expect(JSON.parse(hello)).toMatchObject({
      type: "hello",
      num_connections: 1,
      connection_info: { app_id: seeded.app.id },
    });
    first.close();
    const second = new WebSocket(opened.url ?? "");
    const refused = await new Promise<number>((resolve) =>
      second.once("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0)),
    );
    expect(refused).toBe(401);
  });
});
