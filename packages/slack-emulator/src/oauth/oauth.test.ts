import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it, onTestFinished } from "vitest";
import type { SlackEmulator } from "../start-slack-emulator.ts";
import { emulatorForTest, slackError, webClient } from "../test-helpers.ts";
import { startEventReceiver } from "../testing/event-receiver.ts";
import { BRIDGE_BOT_SCOPES, BRIDGE_USER_SCOPES } from "../testing/seed.ts";

const REDIRECT = "https://bridge.example.com/slack/oauth_redirect";

function world(
  emulator: SlackEmulator,
  appOptions: Parameters<SlackEmulator["control"]["createApp"]>[0] = {},
) {
  const ws = emulator.control.createWorkspace({ name: "Acme" });
  const owner = emulator.control.createUser({ teamId: ws.id, name: "owner", role: "owner" });
  const member = emulator.control.createUser({ teamId: ws.id, name: "member" });
  const { app } = emulator.control.createApp({ redirectUrls: [REDIRECT], ...appOptions });
  return { ws, owner, member, app };
}

/** Follows /oauth/v2/authorize like a browser that does not follow the final redirect. */
async function authorize(
  emulator: SlackEmulator,
  params: Record<string, string>,
): Promise<{ status: number; location: URL | null }> {
  const response = await fetch(`${emulator.authorizeUrl}?${new URLSearchParams(params)}`, {
    redirect: "manual",
  });
  const location = response.headers.get("location");
  return { status: response.status, location: location ? new URL(location) : null };
}

/** An installed app (bot and the owner's user token) whose Request URL is a recording receiver. */
async function installedWithReceiver() {
  const emulator = await emulatorForTest({ delivery: { ackTimeoutMs: 300, retryDelaysMs: [10] } });
  const events = await startEventReceiver();
  onTestFinished(() => events.close());
  const setup = world(emulator, { requestUrl: events.url, botEvents: ["tokens_revoked", "app_uninstalled"] });
  const install = emulator.control.installApp({
    appId: setup.app.id,
    installerUserId: setup.owner.id,
    botScopes: ["users:read"],
    userScopes: ["users:read"],
  });
  return { emulator, events, install, ...setup };
}

describe("OAuth v2", () => {
  it("authorize → code → oauth.v2.access installs bot and user scopes (bot+user shape)", async () => {
    const emulator = await emulatorForTest();
    const { ws, owner, app } = world(emulator);
    emulator.control.oauthSignIn({ userId: owner.id });
    const { status, location } = await authorize(emulator, {
      client_id: app.clientId,
      scope: BRIDGE_BOT_SCOPES.join(","),
      user_scope: BRIDGE_USER_SCOPES.join(","),
      state: "st-1",
      redirect_uri: REDIRECT,
    });
    expect(status).toBe(302);
    expect(location?.origin + (location?.pathname ?? "")).toBe(REDIRECT);
    expect(location?.searchParams.get("state")).toBe("st-1");
    const code = location?.searchParams.get("code") ?? "";
    const client = webClient(emulator);
    const access = await client.oauth.v2.access({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code,
      redirect_uri: REDIRECT,
    });
    expect(access).toMatchObject({
      ok: true,
      app_id: app.id,
      token_type: "bot",
      scope: BRIDGE_BOT_SCOPES.join(","),
      team: { id: ws.id, name: "Acme" },
      enterprise: null,
      is_enterprise_install: false,
      authed_user: { id: owner.id, scope: BRIDGE_USER_SCOPES.join(","), token_type: "user" },
    });
    expect(access.access_token).toMatch(/^xoxb-/);
    expect(access.authed_user?.access_token).toMatch(/^xoxp-/);
    expect((await webClient(emulator, access.access_token).auth.test()).user_id).toBe(access.bot_user_id);
    // Codes are single use.
    expect(
      (
        await slackError(
          client.oauth.v2.access({
            client_id: app.clientId,
            client_secret: app.clientSecret,
            code,
            redirect_uri: REDIRECT,
          }),
        )
      ).error,
    ).toBe("invalid_code");
  });

  it("rejects bad client credentials, redirect mismatches and unknown grant types", async () => {
    const emulator = await emulatorForTest();
    const { owner, app } = world(emulator);
    const code = async (): Promise<string> =>
      (
        await authorize(emulator, {
          client_id: app.clientId,
          scope: "users:read",
          redirect_uri: REDIRECT,
          _emulator_user: owner.id,
        })
      ).location?.searchParams.get("code") ?? "";
    const client = webClient(emulator);
    expect(
      (
        await slackError(
          client.oauth.v2.access({ client_id: "nope", client_secret: app.clientSecret, code: await code() }),
        )
      ).error,
    ).toBe("invalid_client_id");
    expect(
      (
        await slackError(
          client.oauth.v2.access({ client_id: app.clientId, client_secret: "wrong", code: await code() }),
        )
      ).error,
    ).toBe("bad_client_secret");
    expect(
      (
        await slackError(
          client.oauth.v2.access({
            client_id: app.clientId,
            client_secret: app.clientSecret,
            code: await code(),
            redirect_uri: `${REDIRECT}/other`,
          }),
        )
      ).error,
    ).toBe("bad_redirect_uri");
    expect(
      (
        await slackError(
          client.oauth.v2.access({
            client_id: app.clientId,
            client_secret: app.clientSecret,
            grant_type: "password",
          } as never),
        )
      ).error,
    ).toBe("invalid_grant_type");
    // Codes expire after ten minutes.
    const stale = await code();
    emulator.control.advanceTime({ ms: 10 * 60 * 1000 });
    expect(
      (
        await slackError(
          client.oauth.v2.access({
            client_id: app.clientId,
            client_secret: app.clientSecret,
            code: stale,
            redirect_uri: REDIRECT,
          }),
        )
      ).error,
    ).toBe("invalid_code");
    // Client credentials may also come as HTTP Basic.
    const basic = await fetch(`${emulator.apiUrl}oauth.v2.access`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64")}`,
      },
      body: new URLSearchParams({ code: await code(), redirect_uri: REDIRECT }),
    });
    expect(await basic.json()).toMatchObject({ ok: true, token_type: "bot" });
  });

  it("the consent screen: deny, not signed in, unknown client, bad redirect_uri", async () => {
    const emulator = await emulatorForTest();
    const { owner, app } = world(emulator);
    const denied = await authorize(emulator, {
      client_id: app.clientId,
      scope: "users:read",
      state: "s",
      _emulator_user: owner.id,
      _emulator_decision: "deny",
    });
    expect(denied.location?.searchParams.get("error")).toBe("access_denied");
    expect(denied.location?.searchParams.get("state")).toBe("s");
    expect(denied.location?.searchParams.get("code")).toBeNull();
    // Nobody signed in: Slack's sign-in page (see browser-sign-in.test.ts).
    expect((await authorize(emulator, { client_id: app.clientId, scope: "users:read" })).status).toBe(200);
    expect(
      (await authorize(emulator, { client_id: "unknown", scope: "users:read", _emulator_user: owner.id }))
        .status,
    ).toBe(400);
    expect(
      (
        await authorize(emulator, {
          client_id: app.clientId,
          scope: "users:read",
          _emulator_user: owner.id,
          redirect_uri: "https://evil.example.com/cb",
        })
      ).status,
    ).toBe(400);
  });

  it("a user-scope-only flow returns the user-only shape (no bot token)", async () => {
    const emulator = await emulatorForTest();
    const { ws, member, app } = world(emulator);
    const { location } = await authorize(emulator, {
      client_id: app.clientId,
      user_scope: BRIDGE_USER_SCOPES.join(","),
      _emulator_user: member.id,
    });
    const access = await webClient(emulator).oauth.v2.access({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code: location?.searchParams.get("code") ?? "",
    });
    expect(access.access_token).toBeUndefined();
    expect(access.bot_user_id).toBeUndefined();
    expect(access).toMatchObject({
      app_id: app.id,
      team: { id: ws.id },
      authed_user: { id: member.id, token_type: "user" },
    });
    await webClient(emulator, access.authed_user?.access_token).users.profile.set({
      profile: { status_text: "Connected", status_emoji: ":link:" },
    });
  });

  it("supports PKCE (code_challenge S256 + code_verifier)", async () => {
    const emulator = await emulatorForTest();
    const { member, app } = world(emulator);
    const verifier = randomBytes(32).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const start = async (): Promise<string> =>
      (
        await authorize(emulator, {
          client_id: app.clientId,
          user_scope: "users:read",
          code_challenge: challenge,
          code_challenge_method: "S256",
          _emulator_user: member.id,
        })
      ).location?.searchParams.get("code") ?? "";
    const client = webClient(emulator);
    expect(
      (
        await slackError(
          client.apiCall("oauth.v2.access", {
            client_id: app.clientId,
            code: await start(),
            code_verifier: "wrong",
          }),
        )
      ).error,
    ).toBe("invalid_code_verifier");
    const access = await client.apiCall("oauth.v2.access", {
      client_id: app.clientId,
      code: await start(),
      code_verifier: verifier,
    });
    expect((access as unknown as { authed_user: { access_token: string } }).authed_user.access_token).toMatch(
      /^xoxp-/,
    );
  });

  it("token rotation: expiring tokens, token_expired, and single-use refresh tokens", async () => {
    const emulator = await emulatorForTest();
    const { owner, app } = world(emulator, { tokenRotation: true });
    const { location } = await authorize(emulator, {
      client_id: app.clientId,
      scope: "users:read",
      user_scope: "users:read",
      _emulator_user: owner.id,
    });
    const client = webClient(emulator);
    const access = await client.oauth.v2.access({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code: location?.searchParams.get("code") ?? "",
    });
    expect(access).toMatchObject({ expires_in: 43200, authed_user: { expires_in: 43200 } });
    expect(access.access_token).toMatch(/^xoxe\.xoxb-/);
    expect(access.authed_user?.access_token).toMatch(/^xoxe\.xoxp-/);
    expect(access.refresh_token).toMatch(/^xoxe-1-/);
    const bot = webClient(emulator, access.access_token);
    expect((await bot.auth.test()).expires_in).toBeGreaterThan(43190);
    emulator.control.advanceTime({ ms: 43_200_000 });
    expect((await slackError(bot.auth.test())).error).toBe("token_expired");
    const refreshed = await client.oauth.v2.access({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      grant_type: "refresh_token",
      refresh_token: access.refresh_token ?? "",
    });
    expect(refreshed).toMatchObject({
      token_type: "bot",
      expires_in: 43200,
      bot_user_id: access.bot_user_id,
      team: { id: access.team?.id },
    });
    expect(refreshed.access_token).not.toBe(access.access_token);
    expect((await webClient(emulator, refreshed.access_token).auth.test()).ok).toBe(true);
    expect(
      (
        await slackError(
          client.oauth.v2.access({
            client_id: app.clientId,
            client_secret: app.clientSecret,
            grant_type: "refresh_token",
            refresh_token: access.refresh_token ?? "",
          }),
        )
      ).error,
    ).toBe("invalid_refresh_token");
    const user = await client.oauth.v2.access({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      grant_type: "refresh_token",
      refresh_token: access.authed_user?.refresh_token ?? "",
    });
    expect(user).toMatchObject({ token_type: "user", user_id: owner.id });
  });

  it("auth.revoke and an admin revocation: token_revoked, and a tokens_revoked event", async () => {
    const { emulator, events, member, app, install } = await installedWithReceiver();
    const memberToken = emulator.control.authorizeUser({
      appId: app.id,
      userId: member.id,
      userScopes: ["users:read"],
    }).token;
    const asMember = webClient(emulator, memberToken);
    expect(await asMember.auth.revoke({})).toMatchObject({ ok: true, revoked: true });
    expect((await slackError(asMember.auth.test())).error).toBe("token_revoked");
    const [revoked] = await events.waitFor(1);
    expect(revoked?.body?.event).toMatchObject({ type: "tokens_revoked", tokens: { oauth: [member.id] } });
    emulator.control.revokeToken({ token: install.bot.token });
    expect((await slackError(webClient(emulator, install.bot.token).auth.test())).error).toBe(
      "token_revoked",
    );
    const both = await events.waitFor(2);
    expect(both[1]?.body?.event).toMatchObject({
      type: "tokens_revoked",
      tokens: { bot: [install.botUserId] },
    });
  });

  it("uninstalling sends tokens_revoked then app_uninstalled; bot token → account_inactive, user token → token_revoked", async () => {
    const { emulator, events, ws, owner, app, install } = await installedWithReceiver();
    emulator.control.uninstallApp({ appId: app.id, teamId: ws.id });
    const received = await events.waitFor(2);
    expect(received.map((r) => (r.body?.event as { type: string }).type).sort()).toEqual([
      "app_uninstalled",
      "tokens_revoked",
    ]);
    const revoked = received.find((r) => (r.body?.event as { type: string }).type === "tokens_revoked");
    expect(revoked?.body?.event).toMatchObject({ tokens: { oauth: [owner.id], bot: [install.botUserId] } });
    expect((await slackError(webClient(emulator, install.bot.token).auth.test())).error).toBe(
      "account_inactive",
    );
    expect((await slackError(webClient(emulator, install.user?.token).auth.test())).error).toBe(
      "token_revoked",
    );
  });

  it("org-wide installs on Enterprise Grid (team null) and events through the org authorization", async () => {
    const emulator = await emulatorForTest({ delivery: { ackTimeoutMs: 300, retryDelaysMs: [10] } });
    const events = await startEventReceiver();
    onTestFinished(() => events.close());
    const org = emulator.control.createEnterprise({ name: "Starship" });
    const ws1 = emulator.control.createWorkspace({ enterpriseId: org.id, name: "Bridge" });
    const ws2 = emulator.control.createWorkspace({ enterpriseId: org.id, name: "Engineering" });
    const orgAdmin = emulator.control.createUser({
      teamId: ws1.id,
      name: "orgadmin",
      role: "admin",
      orgRole: "owner",
    });
    const engineer = emulator.control.createUser({ teamId: ws2.id, name: "engineer" });
    const { app } = emulator.control.createApp({
      redirectUrls: [REDIRECT],
      orgDeployEnabled: true,
      requestUrl: events.url,
      botEvents: ["user_change"],
    });
    const { location } = await authorize(emulator, {
      client_id: app.clientId,
      scope: "users:read",
      _emulator_user: orgAdmin.id,
      _emulator_org_install: "1",
    });
    const access = await webClient(emulator).oauth.v2.access({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code: location?.searchParams.get("code") ?? "",
    });
    expect(access).toMatchObject({
      team: null,
      enterprise: { id: org.id, name: "Starship" },
      is_enterprise_install: true,
    });
    expect(access.bot_user_id).toMatch(/^W/);
    expect(await webClient(emulator, access.access_token).auth.test()).toMatchObject({
      is_enterprise_install: true,
      enterprise_id: org.id,
      team_id: org.id,
    });
    emulator.control.setStatus({ userId: engineer.id, text: "Deploying", emoji: ":rocket:" });
    const [event] = await events.waitFor(1);
    expect(event?.body).toMatchObject({
      team_id: ws2.id,
      enterprise_id: org.id,
      authorizations: [{ enterprise_id: org.id, team_id: null, is_enterprise_install: true }],
    });
    // A workspace-level install of an org-installed app is refused.
    const wsOwner = emulator.control.createUser({ teamId: ws2.id, name: "wsowner", role: "owner" });
    const again = await authorize(emulator, {
      client_id: app.clientId,
      scope: "users:read",
      _emulator_user: wsOwner.id,
    });
    expect(
      (
        await slackError(
          webClient(emulator).oauth.v2.access({
            client_id: app.clientId,
            client_secret: app.clientSecret,
            code: again.location?.searchParams.get("code") ?? "",
          }),
        )
      ).error,
    ).toBe("cannot_install_an_org_installed_app");
  });
});
