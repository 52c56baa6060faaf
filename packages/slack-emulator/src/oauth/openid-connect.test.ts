import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { describe, expect, it, onTestFinished } from "vitest";
import type { SlackEmulator } from "../start-slack-emulator.ts";
import { emulatorForTest, slackError, webClient } from "../test-helpers.ts";

const REDIRECT = "https://admin.example.com/auth/slack/callback";

/** The admin app's callback: a real server that records the query of each browser visit and answers 200. */
async function startCallback(): Promise<{ url: string; visits: URLSearchParams[] }> {
  const visits: URLSearchParams[] = [];
  const server = createServer((request, response) => {
    visits.push(new URL(request.url ?? "/", "http://callback").searchParams);
    response.end("signed in");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth/slack/callback`, visits };
}

function world(emulator: SlackEmulator, appOptions: Parameters<SlackEmulator["control"]["createApp"]>[0]) {
  const ws = emulator.control.createWorkspace({ name: "Acme", domain: "acme" });
  const ada = emulator.control.createUser({
    teamId: ws.id,
    name: "ada",
    realName: "Ada Lovelace",
    email: "ada@acme.test",
  });
  const { app } = emulator.control.createApp(appOptions);
  return { ws, ada, app };
}

/** A browser visit that does not follow the final redirect. */
async function visit(
  emulator: SlackEmulator,
  params: Record<string, string>,
): Promise<{ status: number; error: string | null; location: URL | null }> {
  const response = await fetch(`${emulator.openidAuthorizeUrl}?${new URLSearchParams(params)}`, {
    redirect: "manual",
  });
  const location = response.headers.get("location");
  return {
    status: response.status,
    error: response.headers.get("x-slack-emulator-error"),
    location: location ? new URL(location) : null,
  };
}

async function codeFor(emulator: SlackEmulator, clientId: string, extra: Record<string, string> = {}) {
  const { location } = await visit(emulator, {
    response_type: "code",
    scope: "openid email profile",
    client_id: clientId,
    redirect_uri: REDIRECT,
    ...extra,
  });
  return location?.searchParams.get("code") ?? "";
}

const atHash = (token: string): string =>
  createHash("sha256").update(token).digest().subarray(0, 16).toString("base64url");

describe("Sign in with Slack (OpenID Connect)", () => {
  it("authorize → callback → openid.connect.token → verified id_token → openid.connect.userInfo", async () => {
    const emulator = await emulatorForTest();
    const callback = await startCallback();
    const { ws, ada, app } = world(emulator, { redirectUrls: [callback.url] });
    emulator.control.oauthSignIn({ userId: ada.id });

    // The browser goes to Slack and follows the redirect back to the app.
    const page = await fetch(
      `${emulator.openidAuthorizeUrl}?${new URLSearchParams({
        response_type: "code",
        scope: "openid email profile",
        client_id: app.clientId,
        redirect_uri: callback.url,
        state: "st-1",
        nonce: "n-0S6_WzA2Mj",
        team: ws.id,
      })}`,
    );
    expect(page.status).toBe(200);
    expect(callback.visits).toHaveLength(1);
    expect(callback.visits[0]?.get("state")).toBe("st-1");
    const code = callback.visits[0]?.get("code") ?? "";
    expect(code).not.toBe("");

    const token = await webClient(emulator).openid.connect.token({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code,
      redirect_uri: callback.url,
    });
    expect(Object.keys(token).sort()).toEqual(
      ["ok", "access_token", "token_type", "id_token", "response_metadata"].sort(),
    );
    expect(token).toMatchObject({ ok: true, token_type: "Bearer" });
    expect(token.access_token).toMatch(/^xoxp-/);

    // The id_token verifies against the published keys, with Slack's issuer and the app as audience.
    const configuration = (await (await fetch(emulator.openidConfigurationUrl)).json()) as Record<
      string,
      unknown
    >;
    expect(configuration).toMatchObject({
      issuer: "https://slack.com",
      authorization_endpoint: emulator.openidAuthorizeUrl,
      token_endpoint: `${emulator.apiUrl}openid.connect.token`,
      userinfo_endpoint: `${emulator.apiUrl}openid.connect.userInfo`,
      jwks_uri: emulator.openidJwksUrl,
      id_token_signing_alg_values_supported: ["RS256"],
    });
    const keys = createRemoteJWKSet(new URL(String(configuration.jwks_uri)));
    const { payload, protectedHeader } = await jwtVerify(token.id_token ?? "", keys, {
      issuer: "https://slack.com",
      audience: app.clientId,
      algorithms: ["RS256"],
    });
    expect(protectedHeader).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(payload).toMatchObject({
      iss: "https://slack.com",
      sub: ada.id,
      aud: app.clientId,
      nonce: "n-0S6_WzA2Mj",
      at_hash: atHash(token.access_token ?? ""),
      "https://slack.com/user_id": ada.id,
      "https://slack.com/team_id": ws.id,
      "https://slack.com/team_name": "Acme",
      "https://slack.com/team_domain": "acme",
      email: "ada@acme.test",
      email_verified: true,
      name: "Ada Lovelace",
      given_name: "Ada",
      family_name: "Lovelace",
      locale: "en-US",
      "https://slack.com/team_image_default": true,
    });
    expect(payload.exp).toBe((payload.iat ?? 0) + 300);
    expect(payload.auth_time).toBeLessThanOrEqual(payload.iat ?? 0);
    expect(String(payload.picture)).toMatch(/^https:\/\//);

    // userInfo answers the same identity for the access token.
    const info = await webClient(emulator, token.access_token).openid.connect.userInfo();
    const {
      iss: _iss,
      aud: _aud,
      exp: _exp,
      iat: _iat,
      auth_time: _at,
      nonce: _n,
      at_hash: _h,
      ...identity
    } = payload;
    expect(info).toMatchObject({ ok: true, ...identity });
    expect((await webClient(emulator, token.access_token).auth.test()).user_id).toBe(ada.id);

    // Codes are single use.
    const reuse = await slackError(
      webClient(emulator).openid.connect.token({
        client_id: app.clientId,
        client_secret: app.clientSecret,
        code,
        redirect_uri: callback.url,
      }),
    );
    expect(reuse.error).toBe("invalid_code");
  });

  it("refuses bad client credentials, a different redirect_uri, unknown and expired codes", async () => {
    const emulator = await emulatorForTest();
    const { ada, app } = world(emulator, { redirectUrls: [REDIRECT] });
    emulator.control.oauthSignIn({ userId: ada.id });
    const client = webClient(emulator);
    const exchange = (args: Record<string, string>) =>
      slackError(
        client.openid.connect.token({ client_id: app.clientId, client_secret: app.clientSecret, ...args }),
      );

    const code = await codeFor(emulator, app.clientId);
    expect((await exchange({ code, redirect_uri: REDIRECT, client_secret: "wrong" })).error).toBe(
      "bad_client_secret",
    );
    expect((await exchange({ code, redirect_uri: REDIRECT, client_id: "1.2" })).error).toBe(
      "invalid_client_id",
    );
    expect((await exchange({ code, redirect_uri: `${REDIRECT}/other` })).error).toBe("bad_redirect_uri");
    // redirect_uri was sent to /authorize, so it must be repeated.
    expect((await exchange({ code })).error).toBe("bad_redirect_uri");
    expect((await exchange({ code: "nope", redirect_uri: REDIRECT })).error).toBe("invalid_code");
    expect((await exchange({ code, redirect_uri: REDIRECT, grant_type: "password" })).error).toBe(
      "invalid_grant_type",
    );
    // An OpenID code is no OAuth v2 code.
    const v2 = await slackError(
      client.oauth.v2.access({
        client_id: app.clientId,
        client_secret: app.clientSecret,
        code,
        redirect_uri: REDIRECT,
      }),
    );
    expect(v2.error).toBe("invalid_code");
    // Failed attempts did not use the code up; HTTP Basic works as well as form fields.
    const basic = await fetch(`${emulator.apiUrl}openid.connect.token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64")}`,
      },
      body: new URLSearchParams({ code, redirect_uri: REDIRECT }),
    });
    expect(await basic.json()).toMatchObject({ ok: true, token_type: "Bearer" });

    const stale = await codeFor(emulator, app.clientId);
    emulator.control.advanceTime({ ms: 10 * 60 * 1000 });
    expect((await exchange({ code: stale, redirect_uri: REDIRECT })).error).toBe("invalid_code");
  });

  it("the authorize page: denied consent, no openid scope, wrong response_type, unknown app, foreign redirect, unknown team, nobody signed in", async () => {
    const emulator = await emulatorForTest();
    const { ada, app } = world(emulator, { redirectUrls: [REDIRECT] });
    const base = {
      response_type: "code",
      scope: "openid profile",
      client_id: app.clientId,
      redirect_uri: REDIRECT,
      state: "s",
      _emulator_user: ada.id,
    };

    const denied = await visit(emulator, { ...base, _emulator_decision: "deny" });
    expect(denied.status).toBe(302);
    expect(denied.location?.origin + (denied.location?.pathname ?? "")).toBe(REDIRECT);
    expect(denied.location?.searchParams.get("error")).toBe("access_denied");
    expect(denied.location?.searchParams.get("state")).toBe("s");
    expect(denied.location?.searchParams.get("code")).toBeNull();

    emulator.control.oauthSignIn({ userId: ada.id, decision: "deny" });
    const { _emulator_user: _u, ...signedInByControl } = base;
    expect((await visit(emulator, signedInByControl)).location?.searchParams.get("error")).toBe(
      "access_denied",
    );
    emulator.control.oauthSignIn({ userId: null });

    const refusals: [Record<string, string>, string][] = [
      [{ ...base, scope: "email profile" }, "invalid_scope"],
      [{ ...base, scope: "openid users:read" }, "invalid_scope"],
      [{ ...base, response_type: "token" }, "unsupported_response_type"],
      [{ ...base, client_id: "123.456" }, "invalid_client_id"],
      [{ ...base, redirect_uri: "https://evil.example.com/cb" }, "bad_redirect_uri"],
      [{ ...base, team: "T0OTHER" }, "team_mismatch"],
      [{ ...signedInByControl, team: "T0OTHER" }, "team_not_found"],
    ];
    for (const [params, error] of refusals) {
      expect(await visit(emulator, params), error).toMatchObject({ status: 400, error, location: null });
    }
    // Nobody signed in: Slack's sign-in page (see browser-sign-in.test.ts).
    expect(await visit(emulator, signedInByControl)).toMatchObject({
      status: 200,
      error: null,
      location: null,
    });
  });

  it("claims follow the scopes; userInfo needs a user token with openid", async () => {
    const emulator = await emulatorForTest();
    const { ws, ada, app } = world(emulator, { redirectUrls: [REDIRECT] });
    const code = await codeFor(emulator, app.clientId, { scope: "openid", _emulator_user: ada.id });
    const token = await webClient(emulator).openid.connect.token({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code,
      redirect_uri: REDIRECT,
    });
    const claims = decodeJwt(token.id_token ?? "");
    expect(claims.nonce).toBeUndefined();
    expect(claims.email).toBeUndefined();
    expect(claims.name).toBeUndefined();
    const info = await webClient(emulator, token.access_token).openid.connect.userInfo();
    expect(info).toEqual({
      ok: true,
      sub: ada.id,
      "https://slack.com/user_id": ada.id,
      "https://slack.com/team_id": ws.id,
      response_metadata: expect.anything() as unknown,
    });

    const install = emulator.control.installApp({
      appId: app.id,
      installerUserId: ada.id,
      botScopes: ["users:read"],
    });
    const bot = await slackError(webClient(emulator, install.bot.token).openid.connect.userInfo());
    expect(bot.error).toBe("not_allowed_token_type");
    const other = emulator.control.createApp({});
    const plain = emulator.control.authorizeUser({
      appId: other.app.id,
      userId: ada.id,
      userScopes: ["dnd:read"],
    });
    const missing = await slackError(webClient(emulator, plain.token).openid.connect.userInfo());
    expect(missing).toMatchObject({ error: "missing_scope", needed: "openid" });
  });

  it("with token rotation: refresh_token and expires_in, a single-use refresh grant, auth_time kept", async () => {
    const emulator = await emulatorForTest({ openidIssuer: "self" });
    const { ada, app } = world(emulator, { redirectUrls: [REDIRECT], tokenRotation: true });
    const code = await codeFor(emulator, app.clientId, { _emulator_user: ada.id, nonce: "n1" });
    const client = webClient(emulator);
    const credentials = { client_id: app.clientId, client_secret: app.clientSecret };
    const first = await client.openid.connect.token({ ...credentials, code, redirect_uri: REDIRECT });
    expect(first.access_token).toMatch(/^xoxe\.xoxp-/);
    expect(first.expires_in).toBe(43_200);
    expect(first.refresh_token).toMatch(/^xoxe-1-/);

    const renewed = await client.openid.connect.token({
      ...credentials,
      grant_type: "refresh_token",
      refresh_token: first.refresh_token ?? "",
    });
    expect(renewed.access_token).not.toBe(first.access_token);
    expect(renewed.refresh_token).not.toBe(first.refresh_token);
    const keys = createRemoteJWKSet(new URL(emulator.openidJwksUrl));
    const before = (await jwtVerify(first.id_token ?? "", keys, { issuer: emulator.url })).payload;
    const after = (await jwtVerify(renewed.id_token ?? "", keys, { issuer: emulator.url })).payload;
    expect(emulator.openidIssuer).toBe(emulator.url);
    expect(before.nonce).toBe("n1");
    expect(after.nonce).toBeUndefined();
    expect(after.auth_time).toBe(before.auth_time);
    expect(after.at_hash).toBe(atHash(renewed.access_token ?? ""));

    const again = await slackError(
      client.openid.connect.token({
        ...credentials,
        grant_type: "refresh_token",
        refresh_token: first.refresh_token ?? "",
      }),
    );
    expect(again.error).toBe("invalid_refresh_token");
  });
});
