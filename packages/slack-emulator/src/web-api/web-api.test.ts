import { describe, expect, it } from "vitest";
import { SpecValidator } from "../spec/spec-validator.ts";
import { emulatorForTest, slackError, webClient } from "../test-helpers.ts";
import { seedWorkspace } from "../testing/seed.ts";

describe("Web API basics (driven by @slack/web-api)", () => {
  it("auth.test identifies bot and user tokens", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator);
    const bot = await webClient(emulator, seeded.install.bot.token).auth.test();
    expect(bot).toMatchObject({
      ok: true,
      team_id: seeded.workspace.id,
      user_id: seeded.install.botUserId,
      bot_id: seeded.install.botId,
      is_enterprise_install: false,
    });
    expect(bot.url).toBe(`https://${seeded.workspace.domain}.slack.com/`);
    const ada = seeded.people[0];
    const user = await webClient(emulator, seeded.userTokens.get(ada?.id ?? "")).auth.test();
    expect(user).toMatchObject({ ok: true, user_id: ada?.id, user: "ada" });
    expect(user.bot_id).toBeUndefined();
    expect(user.response_metadata?.scopes).toEqual(
      expect.arrayContaining(["users.profile:write", "dnd:write"]),
    );
  });

  it("answers not_authed, invalid_auth, and token errors with HTTP 200 {ok:false}", async () => {
    const emulator = await emulatorForTest();
    seedWorkspace(emulator);
    expect(await slackError(webClient(emulator).auth.test())).toMatchObject({
      ok: false,
      error: "not_authed",
    });
    expect(await slackError(webClient(emulator, "xoxb-1-2-nope").auth.test())).toMatchObject({
      ok: false,
      error: "invalid_auth",
    });
    expect(emulator.control.calls({ method: "auth.test" }).map((c) => [c.status, c.error])).toEqual([
      [200, "not_authed"],
      [200, "invalid_auth"],
    ]);
  });

  it("accepts the token from the header, the form body or the query, and JSON bodies", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator);
    const token = seeded.install.bot.token;
    const viaBody = await fetch(`${emulator.apiUrl}auth.test`, {
      method: "POST",
      body: new URLSearchParams({ token }),
    });
    expect(await viaBody.json()).toMatchObject({ ok: true });
    const viaQuery = await fetch(`${emulator.apiUrl}auth.test?token=${encodeURIComponent(token)}`);
    expect(await viaQuery.json()).toMatchObject({ ok: true });
    const ada = seeded.people[0]?.id ?? "";
    const json = await fetch(`${emulator.apiUrl}users.profile.set`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${seeded.userTokens.get(ada)}`,
        "content-type": "application/json; charset=utf-8",
      },
      body: JSON.stringify({
        profile: { status_text: "riding a train", status_emoji: ":mountain_railway:", status_expiration: 0 },
      }),
    });
    expect(json.status).toBe(200);
    expect(await json.json()).toMatchObject({
      ok: true,
      profile: { status_text: "riding a train", status_emoji: ":mountain_railway:" },
    });
    const badJson = await fetch(`${emulator.apiUrl}auth.test`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(await badJson.json()).toEqual({ ok: false, error: "invalid_json" });
  });

  it("ignores the team_id that Bolt's context.client adds to every call", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator);
    const result = await webClient(emulator, seeded.install.bot.token).apiCall("users.info", {
      user: seeded.people[1]?.id ?? "",
      team_id: "T0000000000",
    });
    expect(result).toMatchObject({ user: { name: "grace" } });
  });

  it("enforces scopes with missing_scope, needed and provided, and reports scopes in headers", async () => {
    const emulator = await emulatorForTest();
    const ws = emulator.control.createWorkspace({});
    const owner = emulator.control.createUser({ teamId: ws.id, name: "owner", role: "owner" });
    const { app } = emulator.control.createApp({});
    const install = emulator.control.installApp({
      appId: app.id,
      installerUserId: owner.id,
      botScopes: ["chat:write"],
    });
    const error = await slackError(
      webClient(emulator, install.bot.token).users.lookupByEmail({ email: owner.email ?? "" }),
    );
    expect(error).toMatchObject({
      ok: false,
      error: "missing_scope",
      needed: "users:read.email",
      provided: "chat:write",
    });
    const call = emulator.control.calls({ method: "users.lookupByEmail" })[0];
    expect(call?.response).toEqual({
      ok: false,
      error: "missing_scope",
      needed: "users:read.email",
      provided: "chat:write",
    });
    const raw = await fetch(`${emulator.apiUrl}users.info`, {
      method: "POST",
      headers: { authorization: `Bearer ${install.bot.token}` },
      body: new URLSearchParams({ user: owner.id }),
    });
    expect(raw.headers.get("x-oauth-scopes")).toBe("chat:write");
    expect(raw.headers.get("x-accepted-oauth-scopes")).toBe("users:read");
  });

  it("refuses bot tokens on user-only methods and app-level tokens elsewhere (not_allowed_token_type)", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator);
    const bot = webClient(emulator, seeded.install.bot.token);
    expect(
      (await slackError(bot.users.profile.set({ profile: { status_text: "x", status_emoji: ":x:" } }))).error,
    ).toBe("not_allowed_token_type");
    expect((await slackError(bot.dnd.setSnooze({ num_minutes: 10 }))).error).toBe("not_allowed_token_type");
    expect((await slackError(bot.dnd.endSnooze())).error).toBe("not_allowed_token_type");
    expect(
      await slackError(webClient(emulator, seeded.appToken).users.list({})).catch((e: unknown) => e),
    ).toMatchObject({ error: "not_allowed_token_type" });
    const user = webClient(emulator, seeded.userTokens.get(seeded.people[1]?.id ?? ""));
    expect(
      (
        await slackError(
          user.views.publish({ user_id: seeded.people[1]?.id ?? "", view: { type: "home", blocks: [] } }),
        )
      ).error,
    ).toBe("not_allowed_token_type");
  });

  it("users.info, users.profile.get, users.lookupByEmail (users_not_found) and email visibility by scope", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator);
    const bot = webClient(emulator, seeded.install.bot.token);
    const grace = seeded.people[1];
    const info = await bot.users.info({ user: grace?.id ?? "" });
    expect(info.user).toMatchObject({
      id: grace?.id,
      team_id: seeded.workspace.id,
      is_admin: false,
      is_bot: false,
      profile: { email: grace?.email, huddle_state: "default_unset" },
    });
    expect((await slackError(bot.users.info({ user: "U0NOBODY000" }))).error).toBe("user_not_found");
    const found = await bot.users.lookupByEmail({ email: (grace?.email ?? "").toUpperCase() });
    expect(found.user?.id).toBe(grace?.id);
    expect((await slackError(bot.users.lookupByEmail({ email: "nobody@example.com" }))).error).toBe(
      "users_not_found",
    );
    expect((await slackError(bot.users.lookupByEmail({} as { email: string }))).error).toBe(
      "invalid_arguments",
    );
    expect((await slackError(bot.users.profile.get({ user: grace?.id ?? "" }))).error).toBe("missing_scope");
    const asAda = webClient(emulator, seeded.userTokens.get(seeded.people[0]?.id ?? ""));
    const profile = await asAda.users.profile.get({ user: grace?.id ?? "" });
    expect(profile.profile).toMatchObject({
      real_name: "grace",
      status_text: "",
      huddle_state: "default_unset",
      huddle_state_expiration_ts: 0,
    });
    const narrow = emulator.control.createApp({});
    const narrowInstall = emulator.control.installApp({
      appId: narrow.app.id,
      installerUserId: seeded.people[0]?.id ?? "",
      botScopes: ["users:read"],
    });
    const noEmail = await webClient(emulator, narrowInstall.bot.token).users.info({ user: grace?.id ?? "" });
    expect(noEmail.user?.profile?.email).toBeUndefined();
  });

  it("paginates users.list with cursors, through client.paginate", async () => {
    const emulator = await emulatorForTest();
    const people = Array.from({ length: 25 }, (_, i) => ({ name: `person${i}` }));
    const seeded = seedWorkspace(emulator, {
      people: [{ name: "owner", role: "owner" }, ...people],
      connectPeople: false,
    });
    const bot = webClient(emulator, seeded.install.bot.token);
    const ids: string[] = [];
    let pages = 0;
    for await (const page of bot.paginate("users.list", { limit: 10 })) {
      pages++;
      for (const member of (page as unknown as { members: { id: string }[] }).members) ids.push(member.id);
    }
    // 26 people + the bot user, 10 per page.
    expect(pages).toBe(3);
    expect(ids).toHaveLength(27);
    expect(new Set(ids).size).toBe(27);
    expect(ids).toContain(seeded.install.botUserId);
    const last = emulator.control.calls({ method: "users.list" }).at(-1);
    expect((last?.response.response_metadata as { next_cursor: string }).next_cursor).toBe("");
    expect((await slackError(bot.users.list({ cursor: "bm9wZQ==" }))).error).toBe("invalid_cursor");
  });

  it("presence: getPresence (rich for self only), setPresence auto/away on the caller only", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator);
    const grace = seeded.people[1]?.id ?? "";
    const asGrace = webClient(emulator, seeded.userTokens.get(grace));
    expect(await asGrace.users.getPresence({})).toMatchObject({
      presence: "active",
      online: true,
      manual_away: false,
      connection_count: 1,
    });
    await asGrace.users.setPresence({ presence: "away" });
    const bot = webClient(emulator, seeded.install.bot.token);
    const seen = await bot.users.getPresence({ user: grace });
    expect(seen.presence).toBe("away");
    expect(seen.online).toBeUndefined();
    expect((await slackError(asGrace.users.setPresence({ presence: "active" as "auto" }))).error).toBe(
      "invalid_presence",
    );
    await asGrace.users.setPresence({ presence: "auto" });
    expect((await bot.users.getPresence({ user: grace })).presence).toBe("active");
    emulator.control.setPresence({ userId: grace, presence: "away" });
    expect((await bot.users.getPresence({ user: grace })).presence).toBe("away");
  });

  it("dnd: setSnooze, info (snooze fields for self only), endSnooze and snooze_not_active", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator);
    const grace = seeded.people[1]?.id ?? "";
    const asGrace = webClient(emulator, seeded.userTokens.get(grace));
    expect((await slackError(asGrace.dnd.endSnooze())).error).toBe("snooze_not_active");
    expect((await slackError(asGrace.dnd.setSnooze({} as { num_minutes: number }))).error).toBe(
      "missing_duration",
    );
    expect((await slackError(asGrace.dnd.setSnooze({ num_minutes: 100_000 }))).error).toBe("too_long");
    const snoozed = await asGrace.dnd.setSnooze({ num_minutes: 30 });
    expect(snoozed).toMatchObject({ snooze_enabled: true, snooze_remaining: 1800 });
    const self = await asGrace.dnd.info({});
    expect(self).toMatchObject({
      dnd_enabled: false,
      snooze_enabled: true,
      snooze_endtime: snoozed.snooze_endtime,
    });
    const other = await webClient(emulator, seeded.userTokens.get(seeded.people[0]?.id ?? "")).apiCall(
      "dnd.info",
      { user: grace },
    );
    expect(other).not.toHaveProperty("snooze_enabled");
    const ended = await asGrace.dnd.endSnooze();
    expect(ended).toMatchObject({ snooze_enabled: false });
    expect(await asGrace.apiCall("dnd.info")).toMatchObject({ snooze_enabled: false });
  });

  it("views.publish stores a home view, checks hash, and chat.postMessage posts a DM", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator);
    const bot = webClient(emulator, seeded.install.bot.token);
    const grace = seeded.people[1]?.id ?? "";
    const view = {
      type: "home" as const,
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "Mirroring on" } }],
    };
    const published = await bot.views.publish({ user_id: grace, view });
    expect(published.view).toMatchObject({
      type: "home",
      app_id: seeded.app.id,
      bot_id: seeded.install.botId,
    });
    expect((await slackError(bot.views.publish({ user_id: grace, view, hash: "stale" }))).error).toBe(
      "hash_conflict",
    );
    await bot.views.publish({ user_id: grace, view, hash: published.view?.hash ?? "" });
    expect(
      (await slackError(bot.views.publish({ user_id: "U0NOBODY000", view }))).response_metadata,
    ).toMatchObject({ messages: ["invalid `user_id`"] });
    const modal = await slackError(
      bot.views.publish({ user_id: grace, view: { type: "modal", blocks: [] } as unknown as typeof view }),
    );
    expect(modal).toMatchObject({
      error: "invalid_arguments",
      response_metadata: { messages: [expect.stringContaining("view.type")] },
    });
    const posted = await bot.chat.postMessage({
      channel: grace,
      text: "Your Slack status now mirrors Teams.",
    });
    expect(posted.channel).toMatch(/^D/);
    expect(emulator.control.messages()).toMatchObject([
      { channel: posted.channel, text: "Your Slack status now mirrors Teams." },
    ]);
    expect((await slackError(bot.chat.postMessage({ channel: "C0NOWHERE00", text: "x" }))).error).toBe(
      "channel_not_found",
    );
    expect(
      (await slackError(bot.chat.postMessage({ channel: grace } as { channel: string; text: string }))).error,
    ).toBe("no_text");
  });

  it("answers unknown_method for methods it does not emulate", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator);
    const error = await slackError(
      webClient(emulator, seeded.install.bot.token).apiCall("conversations.list"),
    );
    expect(error).toEqual({ ok: false, error: "unknown_method", response_metadata: {} });
  });

  it("answers user_not_found for unknown people and auth.revoke test=true revokes nothing", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator);
    const asAda = webClient(emulator, seeded.userTokens.get(seeded.people[0]?.id ?? ""));
    expect((await slackError(asAda.users.getPresence({ user: "U0NOBODY000" }))).error).toBe("user_not_found");
    expect((await slackError(asAda.dnd.info({ user: "U0NOBODY000" }))).error).toBe("user_not_found");
    expect((await slackError(asAda.users.profile.get({ user: "U0NOBODY000" }))).error).toBe("user_not_found");
    expect(await asAda.auth.revoke({ test: true })).toMatchObject({ ok: true, revoked: false });
    expect((await asAda.auth.test()).ok).toBe(true);
  });

  it("every answer on the wire validates against the official spec subset (with the documented overlays)", async () => {
    const emulator = await emulatorForTest();
    const seeded = seedWorkspace(emulator);
    const [ada, grace] = seeded.people;
    const bot = webClient(emulator, seeded.install.bot.token);
    const asGrace = webClient(emulator, seeded.userTokens.get(grace?.id ?? ""));
    await bot.auth.test();
    await bot.users.list({ limit: 2 });
    await bot.users.info({ user: ada?.id ?? "" });
    await bot.users.lookupByEmail({ email: grace?.email ?? "" });
    await asGrace.users.profile.set({
      profile: { status_text: "Testing", status_emoji: ":test_tube:", status_expiration: 0 },
    });
    await asGrace.users.profile.get({});
    await asGrace.users.getPresence({});
    await asGrace.dnd.setSnooze({ num_minutes: 5 });
    await asGrace.dnd.info({});
    await asGrace.dnd.endSnooze();
    await bot.views.publish({ user_id: grace?.id ?? "", view: { type: "home", blocks: [] } });
    await bot.chat.postMessage({ channel: grace?.id ?? "", text: "hi" });
    await slackError(
      asGrace.users.profile.set({ profile: { status_text: "x".repeat(101), status_emoji: ":x:" } }),
    );
    const calls = emulator.control.calls();
    expect(calls).toHaveLength(13);
    const spec = SpecValidator.shared();
    for (const call of calls)
      expect([call.method, spec.validateResponse(call.method, call.response)]).toEqual([call.method, []]);
  });
});
