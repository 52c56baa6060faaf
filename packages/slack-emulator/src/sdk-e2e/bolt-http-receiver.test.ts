import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, LogLevel } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { emulatorForTest, stopBeforeEmulator } from "../test-helpers.ts";
import { seedWorkspace } from "../testing/seed.ts";

interface Seen {
  type: string;
  user: string;
  statusText: string;
  retryNum: number | undefined;
}

describe("Bolt App with HTTPReceiver against the emulator", () => {
  it("verifies the Request URL, then receives signed user_change / user_status_changed and calls back", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator);
    const grace = seeded.people[1]?.id ?? "";
    const seen: Seen[] = [];
    const names: string[] = [];
    const app = new App({
      token: seeded.install.bot.token,
      signingSecret: seeded.app.signingSecret,
      processBeforeResponse: true,
      clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } },
      logLevel: LogLevel.ERROR,
    });
    for (const type of ["user_change", "user_status_changed"] as const) {
      app.event(type, async ({ event, context, client }) => {
        seen.push({
          type,
          user: event.user.id,
          statusText: event.user.profile.status_text ?? "",
          retryNum: context.retryNum,
        });
        // context.client adds team_id to every call; the emulator accepts it.
        const info = await client.users.info({ user: event.user.id });
        names.push(info.user?.name ?? "");
      });
    }
    const server = (await app.start(0)) as Server;
    stopBeforeEmulator(() => app.stop());
    const port = (server.address() as AddressInfo).port;
    expect(
      await emulator.control.setRequestUrl({
        appId: seeded.app.id,
        url: `http://127.0.0.1:${port}/slack/events`,
      }),
    ).toMatchObject({ verified: true });

    emulator.control.setStatus({ userId: grace, text: "In a Teams meeting", emoji: ":calendar:" });
    const delivered = await emulator.control.waitForDeliveries({ appId: seeded.app.id, count: 2 });
    expect(delivered.every((d) => d.attempts.length === 1 && d.attempts[0]?.status === 200)).toBe(true);
    expect(seen.map((s) => s.type).sort()).toEqual(["user_change", "user_status_changed"]);
    expect(
      seen.every(
        (s) => s.user === grace && s.statusText === "In a Teams meeting" && s.retryNum === undefined,
      ),
    ).toBe(true);
    expect(names).toEqual(["grace", "grace"]);
    expect(
      emulator.control.calls({ method: "users.info" }).every((c) => c.args.team_id === seeded.workspace.id),
    ).toBe(true);
  });

  it("Bolt refuses a request signed with another secret; the emulator retries with http_error", async () => {
    const emulator = await emulatorForTest({ delivery: { retryDelaysMs: [10, 10, 10] } });
    const seeded = seedWorkspace(emulator, { app: { botEvents: ["user_change"] } });
    const app = new App({
      token: seeded.install.bot.token,
      signingSecret: "not-the-apps-signing-secret",
      processBeforeResponse: true,
      clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } },
      logLevel: LogLevel.ERROR,
    });
    let handled = 0;
    app.event("user_change", async () => {
      handled++;
    });
    const server = (await app.start(0)) as Server;
    stopBeforeEmulator(() => app.stop());
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    expect(await emulator.control.setRequestUrl({ appId: seeded.app.id, url })).toMatchObject({
      verified: false,
    });
    emulator.control.updateApp({ appId: seeded.app.id, requestUrl: url });
    emulator.control.setStatus({ userId: seeded.people[1]?.id ?? "", text: "Away", emoji: ":x:" });
    const [failed] = await emulator.control.waitForDeliveries({ state: "failed" });
    expect(failed?.attempts.map((a) => [a.status, a.retryReason])).toEqual([
      [401, ""],
      [401, "http_error"],
      [401, "http_error"],
      [401, "http_error"],
    ]);
    expect(handled).toBe(0);
  });
});
