import { createHash, randomBytes } from "node:crypto";
import type { AuthenticationResult } from "@azure/msal-node";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appTokenResponseSchema,
  delegatedTokenResponseSchema,
  entraErrorSchema,
  instanceDiscoverySchema,
  openIdConfigurationSchema,
} from "../schemas/entra-schemas.ts";
import { generateAppCertificate } from "../testing/app-certificate.ts";
import { startFixture, type Fixture } from "../testing/fixture.ts";
import { msalFor } from "../testing/sdk-clients.ts";
import { TEST_REDIRECT_URI } from "../testing/sign-in.ts";
import { recordingNetworkClient, trustingFetch, type TrustingFetch } from "../testing/trusting-network.ts";

const REDIRECT = TEST_REDIRECT_URI;

let fx: Fixture;
let tls: TrustingFetch;

beforeAll(async () => {
  fx = await startFixture();
  tls = trustingFetch(fx.emulator.ca);
});
afterAll(async () => {
  await fx.emulator.close();
  await tls.close();
});

/** fetch trusting the emulator's CA. */
function tlsFetch(url: string, init: RequestInit = {}): Promise<globalThis.Response> {
  return tls.fetch(url, init);
}

function expectToken(result: AuthenticationResult | null): Record<string, unknown> {
  expect(result?.accessToken).toBeTruthy();
  return decodeJwt(result?.accessToken ?? "") as Record<string, unknown>;
}

describe("client credentials", () => {
  it("issues an app token for a client secret, with roles and the Graph audience", async () => {
    const { cca } = msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, {
      clientSecret: fx.app.clientSecret,
    });
    const claims = expectToken(
      await cca.acquireTokenByClientCredential({ scopes: [`${fx.emulator.url}/.default`] }),
    );
    expect(claims).toMatchObject({
      tid: fx.tenant.id,
      appid: fx.app.clientId,
      azp: fx.app.clientId,
      aud: fx.emulator.url,
      idtyp: "app",
    });
    expect(claims.roles).toEqual(["Presence.ReadWrite.All", "User.Read.All"]);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
  });

  it("answers the documented wire shape, and invalid_client (401) for a wrong secret", async () => {
    const endpoint = `${fx.emulator.url}/${fx.tenant.domain}/oauth2/v2.0/token`;
    const form = (secret: string) =>
      new URLSearchParams({
        client_id: fx.app.clientId,
        client_secret: secret,
        grant_type: "client_credentials",
        scope: `${fx.emulator.url}/.default`,
      });
    const ok = await tlsFetch(endpoint, { method: "POST", body: form(fx.app.clientSecret) });
    expect(ok.status).toBe(200);
    appTokenResponseSchema.parse(await ok.json());
    const bad = await tlsFetch(endpoint, {
      method: "POST",
      body: form("wrong"),
      headers: { "client-request-id": "corr-1" },
    });
    expect(bad.status).toBe(401);
    const error = entraErrorSchema.parse(await bad.json());
    expect(error).toMatchObject({
      error: "invalid_client",
      error_codes: [7000215],
      correlation_id: "corr-1",
    });
  });

  it("refuses a scope that is not <graph>/.default", async () => {
    const { cca } = msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, {
      clientSecret: fx.app.clientSecret,
    });
    await expect(
      cca.acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] }),
    ).rejects.toMatchObject({ errorCode: "invalid_scope" });
  });

  it.each([
    ["SHA-256 thumbprint (PS256, x5t#S256)", "thumbprintSha256"],
    ["SHA-1 thumbprint (RS256, x5t)", "thumbprint"],
  ] as const)("accepts a client assertion signed with the app's certificate: %s", async (_name, field) => {
    const cert = await generateAppCertificate();
    const app = fx.emulator.control.createApp({
      tenantId: fx.tenant.id,
      certificatePem: cert.certPem,
      applicationPermissions: ["Presence.Read.All"],
    });
    const thumbprint = field === "thumbprint" ? cert.thumbprintSha1 : cert.thumbprintSha256;
    const { cca } = msalFor(fx.emulator, fx.tenant.id, app.clientId, {
      clientCertificate: { [field]: thumbprint, privateKey: cert.privateKeyPem },
    });
    const claims = expectToken(
      await cca.acquireTokenByClientCredential({ scopes: [`${fx.emulator.url}/.default`] }),
    );
    expect(claims).toMatchObject({ appid: app.clientId, roles: ["Presence.Read.All"] });
  });

  it("refuses an assertion signed with a key the app does not hold", async () => {
    const registered = await generateAppCertificate();
    const other = await generateAppCertificate();
    const app = fx.emulator.control.createApp({ tenantId: fx.tenant.id, certificatePem: registered.certPem });
    const { cca } = msalFor(fx.emulator, fx.tenant.id, app.clientId, {
      // The registered certificate's thumbprint, but the other certificate's private key.
      clientCertificate: { thumbprintSha256: registered.thumbprintSha256, privateKey: other.privateKeyPem },
    });
    await expect(
      cca.acquireTokenByClientCredential({ scopes: [`${fx.emulator.url}/.default`] }),
    ).rejects.toMatchObject({ errorCode: "invalid_client" });
  });
});

describe("national-cloud style configuration", () => {
  it("with knownAuthorities, every msal request goes to the emulator and none to the public cloud", async () => {
    fx.emulator.control.clearRequests();
    const { cca, network } = msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, {
      clientSecret: fx.app.clientSecret,
    });
    await cca.acquireTokenByClientCredential({ scopes: [`${fx.emulator.url}/.default`] });
    expect(network.urls.length).toBeGreaterThan(0);
    for (const url of network.urls) expect(url.startsWith(`${fx.emulator.url}/`)).toBe(true);
    expect(network.urls.some((u) => u.includes("/discovery/instance"))).toBe(false);
    const paths = fx.emulator.control.requests({ surface: "entra" }).map((r) => r.path);
    expect(paths).toContain(`/${fx.tenant.id}/v2.0/.well-known/openid-configuration`);
    expect(paths).toContain(`/${fx.tenant.id}/oauth2/v2.0/token`);
    openIdConfigurationSchema.parse(
      await (
        await tlsFetch(`${fx.emulator.url}/${fx.tenant.id}/v2.0/.well-known/openid-configuration`)
      ).json(),
    );
  });

  it("with cloudDiscoveryMetadata from the emulator's instance discovery instead, nothing leaves the emulator either", async () => {
    const discovery = await (
      await tlsFetch(`${fx.emulator.url}/common/discovery/instance?api-version=1.1`)
    ).json();
    instanceDiscoverySchema.parse(discovery);
    const network = recordingNetworkClient(fx.emulator.ca);
    const { cca } = msalFor(
      fx.emulator,
      fx.tenant.id,
      fx.app.clientId,
      { clientSecret: fx.app.clientSecret },
      {
        auth: { knownAuthorities: [], cloudDiscoveryMetadata: JSON.stringify(discovery) },
        network,
      },
    );
    expectToken(await cca.acquireTokenByClientCredential({ scopes: [`${fx.emulator.url}/.default`] }));
    for (const url of network.urls) expect(url.startsWith(`${fx.emulator.url}/`)).toBe(true);
  });
});

describe("authorization code + PKCE", () => {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");

  async function authorize(
    cca: ReturnType<typeof msalFor>["cca"],
    extra: { loginHint?: string; state?: string } = {},
  ): Promise<URL> {
    const url = await cca.getAuthCodeUrl({
      scopes: ["Presence.Read.All"],
      redirectUri: REDIRECT,
      codeChallenge: challenge,
      codeChallengeMethod: "S256",
      state: extra.state ?? "state-123",
      ...(extra.loginHint ? { loginHint: extra.loginHint } : {}),
    });
    const response = await tlsFetch(url, { redirect: "manual" });
    expect(response.status).toBe(302);
    return new URL(response.headers.get("location") ?? "");
  }

  it("signs in the login_hint user, redeems the code, then refreshes silently and by refresh token", async () => {
    const { cca } = msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, {
      clientSecret: fx.app.clientSecret,
    });
    const person = fx.users[0];
    const redirect = await authorize(cca, { loginHint: person?.userPrincipalName ?? "" });
    expect(redirect.origin + redirect.pathname).toBe(REDIRECT);
    expect(redirect.searchParams.get("state")).toBe("state-123");
    const code = redirect.searchParams.get("code") ?? "";
    const byCode = await cca.acquireTokenByCode({
      code,
      scopes: ["Presence.Read.All"],
      redirectUri: REDIRECT,
      codeVerifier: verifier,
    });
    expect(decodeJwt(byCode.accessToken)).toMatchObject({
      oid: person?.id,
      tid: fx.tenant.id,
      scp: "Presence.Read.All",
      idtyp: "user",
    });
    expect(byCode.account?.homeAccountId).toBe(`${person?.id}.${fx.tenant.id}`);
    expect(byCode.account?.username).toBe(person?.userPrincipalName);

    const silent = await cca.acquireTokenSilent({
      account: byCode.account ?? (undefined as never),
      scopes: ["Presence.Read.All"],
      forceRefresh: true,
    });
    expect(silent.accessToken).not.toBe(byCode.accessToken);
    const refreshGrants = fx.emulator.control
      .requests({ surface: "entra", method: "POST" })
      .filter((r) => r.userId === person?.id);
    expect(refreshGrants.length).toBe(2);

    const cache = JSON.parse(cca.getTokenCache().serialize()) as {
      RefreshToken: Record<string, { secret: string }>;
    };
    const refreshToken = Object.values(cache.RefreshToken)[0]?.secret ?? "";
    const byRefresh = await cca.acquireTokenByRefreshToken({ refreshToken, scopes: ["Presence.Read.All"] });
    expect(decodeJwt(byRefresh?.accessToken ?? "")).toMatchObject({
      oid: person?.id,
      scp: "Presence.Read.All",
    });
  });

  it("returns the documented delegated response on the wire, and refuses a wrong code_verifier", async () => {
    const { cca } = msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, {
      clientSecret: fx.app.clientSecret,
    });
    fx.emulator.control.nextSignIn({ userId: fx.users[1]?.id ?? "" });
    const first = await authorize(cca);
    const endpoint = `${fx.emulator.url}/${fx.tenant.id}/oauth2/v2.0/token`;
    const redeem = (code: string, codeVerifier: string) =>
      tlsFetch(endpoint, {
        method: "POST",
        body: new URLSearchParams({
          client_id: fx.app.clientId,
          client_secret: fx.app.clientSecret,
          grant_type: "authorization_code",
          code,
          redirect_uri: REDIRECT,
          code_verifier: codeVerifier,
          scope: "Presence.Read.All openid profile offline_access",
          client_info: "1",
        }),
      });
    const wrong = await redeem(first.searchParams.get("code") ?? "", randomBytes(32).toString("base64url"));
    expect(wrong.status).toBe(400);
    expect(entraErrorSchema.parse(await wrong.json()).error).toBe("invalid_grant");

    fx.emulator.control.nextSignIn({ userId: fx.users[1]?.id ?? "" });
    const second = await authorize(cca);
    const ok = await redeem(second.searchParams.get("code") ?? "", verifier);
    const body = delegatedTokenResponseSchema.parse(await ok.json());
    expect(body.refresh_token).toBeTruthy();
    expect(decodeJwt(body.id_token ?? "")).toMatchObject({ oid: fx.users[1]?.id, aud: fx.app.clientId });
    expect(JSON.parse(Buffer.from(body.client_info, "base64url").toString())).toEqual({
      uid: fx.users[1]?.id,
      utid: fx.tenant.id,
    });
  });

  it("redirects with access_denied when the emulated user cancels, and consent_required for unconsented scopes", async () => {
    const { cca } = msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, {
      clientSecret: fx.app.clientSecret,
    });
    fx.emulator.control.nextSignIn({ deny: true });
    const denied = await authorize(cca);
    expect(denied.searchParams.get("error")).toBe("access_denied");
    expect(denied.searchParams.get("state")).toBe("state-123");

    const url = await cca.getAuthCodeUrl({
      scopes: ["Mail.Read"],
      redirectUri: REDIRECT,
      loginHint: fx.users[0]?.userPrincipalName ?? "",
    });
    const response = await tlsFetch(url, { redirect: "manual" });
    expect(new URL(response.headers.get("location") ?? "").searchParams.get("error")).toBe(
      "consent_required",
    );
  });

  it("stops refreshing once the user's grant is revoked", async () => {
    const { cca } = msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, {
      clientSecret: fx.app.clientSecret,
    });
    const person = fx.users[2];
    const redirect = await authorize(cca, { loginHint: person?.userPrincipalName ?? "" });
    const result = await cca.acquireTokenByCode({
      code: redirect.searchParams.get("code") ?? "",
      scopes: ["Presence.Read.All"],
      redirectUri: REDIRECT,
      codeVerifier: verifier,
    });
    fx.emulator.control.revokeGrants({ userId: person?.id ?? "", clientId: fx.app.clientId });
    await expect(
      cca.acquireTokenSilent({
        account: result.account ?? (undefined as never),
        scopes: ["Presence.Read.All"],
        forceRefresh: true,
      }),
    ).rejects.toMatchObject({
      errorCode: "invalid_grant",
    });
  });
});

describe("token endpoint faults", () => {
  it("429 carries Retry-After: 1; msal then holds identical requests for that second only", async () => {
    const { cca } = msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, {
      clientSecret: fx.app.clientSecret,
    });
    fx.emulator.control.injectFault({ target: "token", status: 429 });
    fx.emulator.control.clearRequests();
    const request = { scopes: [`${fx.emulator.url}/.default`], skipCache: true };
    await expect(cca.acquireTokenByClientCredential(request)).rejects.toMatchObject({
      errorCode: "temporarily_unavailable",
    });
    const throttled = fx.emulator.control.requests({ surface: "entra" }).find((r) => r.status === 429);
    expect(throttled?.fault).toBe(true);

    await expect(cca.acquireTokenByClientCredential(request)).rejects.toThrow();
    expect(
      fx.emulator.control.requests({ surface: "entra" }).filter((r) => r.path.endsWith("/token")),
    ).toHaveLength(1);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    expectToken(await cca.acquireTokenByClientCredential(request));
  });

  it("injected 5xx and error codes carry Retry-After too", async () => {
    fx.emulator.control.injectFault({ target: "token", status: 503 });
    fx.emulator.control.injectFault({ target: "token", status: 400, code: "invalid_grant", retryAfterS: 2 });
    const post = () =>
      tlsFetch(`${fx.emulator.url}/${fx.tenant.id}/oauth2/v2.0/token`, {
        method: "POST",
        body: new URLSearchParams({
          client_id: fx.app.clientId,
          client_secret: fx.app.clientSecret,
          grant_type: "client_credentials",
          scope: `${fx.emulator.url}/.default`,
        }),
      });
    const unavailable = await post();
    expect([unavailable.status, unavailable.headers.get("retry-after")]).toEqual([503, "1"]);
    expect(entraErrorSchema.parse(await unavailable.json()).error).toBe("temporarily_unavailable");
    const grant = await post();
    expect([grant.status, grant.headers.get("retry-after")]).toEqual([400, "2"]);
    expect(entraErrorSchema.parse(await grant.json()).error).toBe("invalid_grant");
    expect((await post()).status).toBe(200);
  });
});
