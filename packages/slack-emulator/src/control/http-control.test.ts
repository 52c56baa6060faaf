import { describe, expect, it } from "vitest";
import type { SlackEmulator } from "../start-slack-emulator.ts";
import { emulatorForTest, slackError, webClient } from "../test-helpers.ts";

async function post(
  emulator: SlackEmulator,
  operation: string,
  input?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${emulator.url}/_emulator/${operation}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: input === undefined ? "" : JSON.stringify(input),
  });
  return { status: response.status, body: await response.json() };
}

describe("control API over HTTP (/_emulator)", () => {
  it("lists operations and drives the same world as the in-process API", async () => {
    const emulator = await emulatorForTest();
    const listing = (await (await fetch(`${emulator.url}/_emulator`)).json()) as { operations: string[] };
    expect(listing.operations).toEqual(
      expect.arrayContaining(["createWorkspace", "installApp", "setStatus", "calls", "advanceTime"]),
    );
    const ws = (await post(emulator, "createWorkspace", { name: "Over HTTP" })).body as { id: string };
    const user = (await post(emulator, "createUser", { teamId: ws.id, name: "http-user", role: "owner" }))
      .body as { id: string };
    const { app } = (await post(emulator, "createApp", { botEvents: ["user_change"] })).body as {
      app: { id: string };
    };
    const install = (
      await post(emulator, "installApp", {
        appId: app.id,
        installerUserId: user.id,
        botScopes: ["users:read"],
        userScopes: ["users.profile:write"],
      })
    ).body as {
      bot: { token: string };
      user: { token: string };
    };
    await webClient(emulator, install.user.token).users.profile.set({
      profile: { status_text: "Driven over HTTP", status_emoji: ":electric_plug:" },
    });
    expect((await post(emulator, "getProfile", { userId: user.id })).body).toMatchObject({
      status_text: "Driven over HTTP",
    });
    const calls = (await post(emulator, "calls", { method: "users.profile.set" })).body as {
      status: number;
      token: string;
    }[];
    expect(calls).toMatchObject([{ status: 200, token: install.user.token }]);
    expect(emulator.control.getUser({ userId: user.id })).toMatchObject({ name: "http-user" });
    expect((await post(emulator, "rateLimitedCount")).body).toEqual({ count: 0 });
  });

  it("answers 400 for invalid input, 404 for unknown operations and ids, 405 for GET", async () => {
    const emulator = await emulatorForTest();
    const invalid = await post(emulator, "createWorkspace", { plan: "platinum" });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ error: "invalid_input" });
    expect((await post(emulator, "noSuchOperation", {})).status).toBe(404);
    expect(await post(emulator, "getUser", { userId: "U0NOBODY000" })).toEqual({
      status: 404,
      body: { error: "unknown user U0NOBODY000" },
    });
    expect((await fetch(`${emulator.url}/_emulator/calls`)).status).toBe(405);
  });

  it("updateApp changes only what it is given", async () => {
    const emulator = await emulatorForTest();
    const { app } = emulator.control.createApp({
      botEvents: ["user_change"],
      userEvents: ["dnd_updated"],
      socketMode: true,
    });
    const updated = emulator.control.updateApp({
      appId: app.id,
      redirectUrls: ["https://bridge.example.com/slack/oauth_redirect"],
    });
    expect(updated).toMatchObject({
      botEvents: ["user_change"],
      userEvents: ["dnd_updated"],
      socketMode: true,
      redirectUrls: ["https://bridge.example.com/slack/oauth_redirect"],
    });
  });

  it("deactivating a person: user_change, and their user token answers account_inactive", async () => {
    const emulator = await emulatorForTest();
    const ws = emulator.control.createWorkspace({});
    const owner = emulator.control.createUser({ teamId: ws.id, name: "owner", role: "owner" });
    const leaver = emulator.control.createUser({ teamId: ws.id, name: "leaver" });
    const { app } = emulator.control.createApp({ botEvents: ["user_change"] });
    emulator.control.installApp({ appId: app.id, installerUserId: owner.id, botScopes: ["users:read"] });
    const token = emulator.control.authorizeUser({
      appId: app.id,
      userId: leaver.id,
      userScopes: ["users:read"],
    }).token;
    emulator.control.setUserDeleted({ userId: leaver.id, deleted: true });
    expect((await slackError(webClient(emulator, token).auth.test())).error).toBe("account_inactive");
    expect(emulator.control.deliveries({ eventType: "user_change" })[0]?.body).toMatchObject({
      event: { user: { id: leaver.id, deleted: true } },
    });
  });
});
