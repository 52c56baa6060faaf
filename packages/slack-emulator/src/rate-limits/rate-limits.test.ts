import { setTimeout as sleep } from "node:timers/promises";
import { WebAPIRateLimitedError } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { emulatorForTest, webClient } from "../test-helpers.ts";
import { BRIDGE_USER_SCOPES, seedWorkspace } from "../testing/seed.ts";

async function rateLimited(call: Promise<unknown>): Promise<WebAPIRateLimitedError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof WebAPIRateLimitedError) return error;
    throw error;
  }
  throw new Error("expected a 429");
}

describe("Web API rate limits", () => {
  it("a burst beyond the tier gets 429 + Retry-After; after waiting it succeeds", async () => {
    // Tier 3 (50/min) × 0.1 = 5 calls per 2-second window.
    const emulator = await emulatorForTest({ rateLimits: { windowMs: 2000, multiplier: 0.1 } });
    const seeded = seedWorkspace(emulator);
    const bot = webClient(emulator, seeded.install.bot.token);
    const grace = seeded.people[1]?.id ?? "";
    for (let i = 0; i < 5; i++) await bot.users.getPresence({ user: grace });
    const limited = await rateLimited(bot.users.getPresence({ user: grace }));
    expect(limited.retryAfter).toBeGreaterThanOrEqual(1);
    expect(limited.retryAfter).toBeLessThanOrEqual(2);
    expect(emulator.control.rateLimitedCount({ method: "users.getPresence" })).toEqual({ count: 1 });
    const [record] = emulator.control.calls({ status: 429 });
    expect(record).toMatchObject({
      method: "users.getPresence",
      error: "ratelimited",
      retryAfter: limited.retryAfter,
      response: { ok: false, error: "ratelimited" },
    });
    await sleep(limited.retryAfter * 1000);
    expect((await bot.users.getPresence({ user: grace })).ok).toBe(true);
  });

  it("limits switched on at run time (setRateLimits) apply from the next call, with the new allowances", async () => {
    const emulator = await emulatorForTest({ rateLimits: { windowMs: 2000, enabled: false } });
    const seeded = seedWorkspace(emulator);
    const bot = webClient(emulator, seeded.install.bot.token);
    const grace = seeded.people[1]?.id ?? "";
    for (let i = 0; i < 8; i++) await bot.users.getPresence({ user: grace });
    expect(
      emulator.control.setRateLimits({ enabled: true, overrides: { "users.getPresence": 2 } }),
    ).toMatchObject({
      enabled: true,
      windowMs: 2000,
      overrides: { "users.getPresence": 2 },
    });
    // The 8 calls made while limits were off were not counted.
    await bot.users.getPresence({ user: grace });
    await bot.users.getPresence({ user: grace });
    await rateLimited(bot.users.getPresence({ user: grace }));
    emulator.control.setRateLimits({ enabled: false });
    expect((await bot.users.getPresence({ user: grace })).ok).toBe(true);
  });

  it("answers 429 with a Retry-After header and {ok:false, error:ratelimited} on the wire", async () => {
    const emulator = await emulatorForTest({ rateLimits: { overrides: { "auth.test": 1 } } });
    const seeded = seedWorkspace(emulator);
    const call = (): Promise<Response> =>
      fetch(`${emulator.apiUrl}auth.test`, {
        method: "POST",
        headers: { authorization: `Bearer ${seeded.install.bot.token}` },
      });
    expect((await call()).status).toBe(200);
    const limited = await call();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(55);
    expect(await limited.json()).toEqual({ ok: false, error: "ratelimited" });
    emulator.control.advanceTime({ ms: 60_000 });
    expect((await call()).status).toBe(200);
  });

  it("shares one budget per app, workspace and method across every token of the app", async () => {
    const emulator = await emulatorForTest({ rateLimits: { overrides: { "users.setPresence": 3 } } });
    const seeded = seedWorkspace(emulator);
    const tokens = [...seeded.userTokens.values()];
    for (const token of tokens) await webClient(emulator, token).users.setPresence({ presence: "auto" });
    await rateLimited(webClient(emulator, tokens[0]).users.setPresence({ presence: "away" }));
    // Another method of the same app is not limited …
    await webClient(emulator, tokens[0]).users.getPresence({});
    // … nor is another app in the same workspace.
    const other = emulator.control.createApp({});
    const otherToken = emulator.control.authorizeUser({
      appId: other.app.id,
      userId: seeded.people[1]?.id ?? "",
      userScopes: BRIDGE_USER_SCOPES,
    }).token;
    await webClient(emulator, otherToken).users.setPresence({ presence: "away" });
    // … nor the same app in another workspace.
    const ws2 = emulator.control.createWorkspace({});
    const owner2 = emulator.control.createUser({ teamId: ws2.id, name: "owner2", role: "owner" });
    const install2 = emulator.control.installApp({
      appId: seeded.app.id,
      installerUserId: owner2.id,
      botScopes: ["users:read"],
      userScopes: ["users:write"],
    });
    await webClient(emulator, install2.user?.token).users.setPresence({ presence: "away" });
    expect(emulator.control.rateLimitedCount()).toEqual({ count: 1 });
  });

  it("users.profile.set: at most 10 updates of one person per token per minute", async () => {
    const emulator = await emulatorForTest({ rateLimits: { overrides: { "users.profile.set": 1000 } } });
    const seeded = seedWorkspace(emulator);
    const grace = webClient(emulator, seeded.userTokens.get(seeded.people[1]?.id ?? ""));
    for (let i = 0; i < 10; i++)
      await grace.users.profile.set({ profile: { status_text: `update ${i}`, status_emoji: ":x:" } });
    const limited = await rateLimited(
      grace.users.profile.set({ profile: { status_text: "one too many", status_emoji: ":x:" } }),
    );
    expect(limited.retryAfter).toBeGreaterThan(0);
    // Someone else's token is a different budget.
    await webClient(emulator, seeded.userTokens.get(seeded.people[2]?.id ?? "")).users.profile.set({
      profile: { status_text: "fine", status_emoji: ":x:" },
    });
    emulator.control.advanceTime({ ms: 60_000 });
    await grace.users.profile.set({ profile: { status_text: "later", status_emoji: ":x:" } });
  });

  it("users.profile.set: one token may set at most 30 different profiles per minute", async () => {
    const emulator = await emulatorForTest({ rateLimits: { overrides: { "users.profile.set": 1000 } } });
    const people = Array.from({ length: 31 }, (_, i) => ({ name: `member${i}` }));
    const seeded = seedWorkspace(emulator, {
      workspace: { profileSource: "api" },
      people: [{ name: "admin", role: "owner" }, ...people],
      connectPeople: false,
    });
    const admin = webClient(emulator, seeded.install.user?.token);
    const members = seeded.people.slice(1);
    for (const member of members.slice(0, 30))
      await admin.users.profile.set({
        user: member.id,
        profile: { status_text: "OOO", status_emoji: ":palm_tree:" },
      });
    const limited = await rateLimited(
      admin.users.profile.set({
        user: members[30]?.id ?? "",
        profile: { status_text: "OOO", status_emoji: ":palm_tree:" },
      }),
    );
    expect(limited.retryAfter).toBeGreaterThan(50);
    // A profile already counted this minute can still be updated.
    await admin.users.profile.set({
      user: members[0]?.id ?? "",
      profile: { status_text: "Back", status_emoji: ":wave:" },
    });
    expect(emulator.control.rateLimitedCount({ method: "users.profile.set" })).toEqual({ count: 1 });
  });
});
