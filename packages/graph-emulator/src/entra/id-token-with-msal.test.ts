import { createHash, randomBytes } from "node:crypto";
import type { ConfidentialClientApplication } from "@azure/msal-node";
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserView } from "../control/control-api.ts";
import type { GroupMembershipClaims } from "../directory/directory.ts";
import { memberObjectsResponseSchema } from "../schemas/group-schemas.ts";
import { startFixture, type Fixture } from "../testing/fixture.ts";
import { appTokenProvider, graphClientFor, msalFor } from "../testing/sdk-clients.ts";
import { signIn, TEST_REDIRECT_URI } from "../testing/sign-in.ts";
import { trustingFetch, type TrustingFetch } from "../testing/trusting-network.ts";
import { JWT_GROUPS_LIMIT } from "./group-claims.ts";

/** What an admin web app asks for: OpenID Connect sign-in only (msal adds `offline_access`). */
const OIDC = ["openid", "profile", "email"];
const SECRET = "admin-console-secret";

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

/** An admin console app registration (OIDC scopes only) and msal for it. */
function adminConsole(groupMembershipClaims?: GroupMembershipClaims): {
  clientId: string;
  cca: ConfidentialClientApplication;
} {
  const app = fx.emulator.control.createApp({
    tenantId: fx.tenant.id,
    displayName: "Admin console",
    clientSecret: SECRET,
    redirectUris: [TEST_REDIRECT_URI],
    delegatedScopes: ["openid", "profile", "email", "offline_access"],
    ...(groupMembershipClaims === undefined ? {} : { groupMembershipClaims }),
  });
  return {
    clientId: app.clientId,
    cca: msalFor(fx.emulator, fx.tenant.id, app.clientId, { clientSecret: SECRET }).cca,
  };
}

async function idTokenClaims(
  cca: ConfidentialClientApplication,
  user: UserView,
  scopes = OIDC,
  options: { nonce?: string } = {},
): Promise<Record<string, unknown>> {
  const { result } = await signIn(fx.emulator, cca, user.userPrincipalName, scopes, options);
  return result.idTokenClaims as Record<string, unknown>;
}

function newUser(name: string, extra: { mail?: string | null; accountEnabled?: boolean } = {}): UserView {
  return fx.emulator.control.createUser({
    tenantId: fx.tenant.id,
    displayName: name,
    userPrincipalName: `${name.toLowerCase().replace(/\W+/g, ".")}@contoso.com`,
    ...extra,
  });
}

describe("ID token claims (openid profile email)", () => {
  it("carries the v2 claims, signed with the tenant's keys, with a pairwise sub and no groups by default", async () => {
    const { clientId, cca } = adminConsole();
    const person = fx.users[0] as UserView;
    const { result } = await signIn(fx.emulator, cca, person.userPrincipalName, OIDC);
    const jwks = (await (
      await tls.fetch(`${fx.emulator.url}/${fx.tenant.id}/discovery/v2.0/keys`)
    ).json()) as JSONWebKeySet;
    const { payload } = await jwtVerify(result.idToken, createLocalJWKSet(jwks), {
      issuer: `${fx.emulator.url}/${fx.tenant.id}/v2.0`,
      audience: clientId,
    });
    expect(payload).toMatchObject({
      aud: clientId,
      tid: fx.tenant.id,
      oid: person.id,
      ver: "2.0",
      name: person.displayName,
      preferred_username: person.userPrincipalName,
      email: person.mail,
    });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(3600);
    expect(payload.nbf).toBe(payload.iat);
    expect(payload.uti).toEqual(expect.any(String));
    expect(payload.sub).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(payload.sub).not.toBe(person.id);
    for (const absent of ["groups", "_claim_names", "_claim_sources", "nonce", "login_hint", "hasgroups"])
      expect(payload).not.toHaveProperty(absent);
    // msal keys the account on oid + tid (client_info), not on sub.
    expect(result.account?.localAccountId).toBe(person.id);
    expect(result.account?.homeAccountId).toBe(`${person.id}.${fx.tenant.id}`);
  });

  it("sub is per app and stable; oid is the same for every app", async () => {
    const person = fx.users[1] as UserView;
    const first = adminConsole();
    const second = adminConsole();
    const a1 = await idTokenClaims(first.cca, person);
    const a2 = await idTokenClaims(first.cca, person);
    const b = await idTokenClaims(second.cca, person);
    expect(a1.sub).toBe(a2.sub);
    expect(b.sub).not.toBe(a1.sub);
    expect([a1.oid, b.oid]).toEqual([person.id, person.id]);
  });

  it("email only with the email scope and only for a user who has a mail", async () => {
    const { cca } = adminConsole();
    const withMail = newUser("Mailed Person", { mail: "mailed.person@contoso.com" });
    const withoutMail = newUser("Unmailed Person", { mail: null });
    expect((await idTokenClaims(cca, withMail)).email).toBe("mailed.person@contoso.com");
    expect(await idTokenClaims(cca, withoutMail)).not.toHaveProperty("email");
    expect(await idTokenClaims(cca, withMail, ["openid", "profile"])).not.toHaveProperty("email");
  });

  it("echoes the authorize request's nonce, which msal checks", async () => {
    const { cca } = adminConsole();
    const person = fx.users[2] as UserView;
    expect((await idTokenClaims(cca, person, OIDC, { nonce: "n-0S6_WzA2Mj" })).nonce).toBe("n-0S6_WzA2Mj");

    const verifier = randomBytes(32).toString("base64url");
    const url = await cca.getAuthCodeUrl({
      scopes: OIDC,
      redirectUri: TEST_REDIRECT_URI,
      loginHint: person.userPrincipalName,
      nonce: "sent-nonce",
      codeChallenge: createHash("sha256").update(verifier).digest("base64url"),
      codeChallengeMethod: "S256",
    });
    const redirect = await tls.fetch(url, { redirect: "manual" });
    const code = new URL(redirect.headers.get("location") ?? "").searchParams.get("code") ?? "";
    await expect(
      cca.acquireTokenByCode({
        code,
        scopes: OIDC,
        redirectUri: TEST_REDIRECT_URI,
        codeVerifier: verifier,
        nonce: "another-nonce",
      }),
    ).rejects.toMatchObject({ errorCode: "nonce_mismatch" });
  });
});

describe("groups claim (groupMembershipClaims)", () => {
  it("SecurityGroup lists the user's security groups, All every group, None nothing", async () => {
    const person = newUser("Grouped Person");
    const admins = fx.emulator.control.createGroup({
      tenantId: fx.tenant.id,
      displayName: "Presence admins",
      memberIds: [person.id],
    });
    const helpdesk = fx.emulator.control.createGroup({ tenantId: fx.tenant.id, displayName: "Helpdesk" });
    fx.emulator.control.addGroupMembers(helpdesk.id, { userIds: [person.id, fx.users[0]?.id ?? ""] });
    const newsletter = fx.emulator.control.createGroup({
      tenantId: fx.tenant.id,
      displayName: "Newsletter",
      securityEnabled: false,
      mailEnabled: true,
      memberIds: [person.id],
    });
    fx.emulator.control.createGroup({ tenantId: fx.tenant.id, displayName: "Not a member" });

    expect((await idTokenClaims(adminConsole("SecurityGroup").cca, person)).groups).toEqual([
      admins.id,
      helpdesk.id,
    ]);
    expect((await idTokenClaims(adminConsole("All").cca, person)).groups).toEqual([
      admins.id,
      helpdesk.id,
      newsletter.id,
    ]);
    const none = await idTokenClaims(adminConsole("None").cca, person);
    expect(none).not.toHaveProperty("groups");
    expect(none).not.toHaveProperty("_claim_names");

    // Set later on the registration (manifest edit), and membership changes show in the next token.
    const later = adminConsole();
    fx.emulator.control.updateApp(later.clientId, { groupMembershipClaims: "SecurityGroup" });
    fx.emulator.control.removeGroupMember(helpdesk.id, person.id);
    expect((await idTokenClaims(later.cca, person)).groups).toEqual([admins.id]);
    // A user in no group gets no groups claim at all.
    expect(await idTokenClaims(later.cca, newUser("Lonely Person"))).not.toHaveProperty("groups");
  });

  it(`over ${JWT_GROUPS_LIMIT} groups: no groups claim but _claim_names/_claim_sources to getMemberObjects, which Graph answers`, async () => {
    const atLimit = newUser("Member Of Many");
    const overLimit = newUser("Member Of Too Many");
    const ids = Array.from(
      { length: JWT_GROUPS_LIMIT + 1 },
      (_, i) =>
        fx.emulator.control.createGroup({
          tenantId: fx.tenant.id,
          displayName: `Team ${i}`,
          memberIds: i < JWT_GROUPS_LIMIT ? [atLimit.id, overLimit.id] : [overLimit.id],
        }).id,
    );
    const { cca } = adminConsole("SecurityGroup");

    expect((await idTokenClaims(cca, atLimit)).groups).toEqual(ids.slice(0, JWT_GROUPS_LIMIT));

    const overage = await idTokenClaims(cca, overLimit);
    expect(overage).not.toHaveProperty("groups");
    const endpoint = `${fx.emulator.url}/v1.0/users/${overLimit.id}/getMemberObjects`;
    expect(overage).toMatchObject({
      _claim_names: { groups: "src1" },
      _claim_sources: { src1: { endpoint } },
    });

    // The relying party follows the overage with an app token (User.Read.All here).
    const graph = graphClientFor(
      fx.emulator,
      appTokenProvider(
        fx.emulator,
        msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, { clientSecret: fx.app.clientSecret }).cca,
      ),
    );
    const members = memberObjectsResponseSchema.parse(
      await graph.api(endpoint).post({ securityEnabledOnly: true }),
    );
    expect(members.value).toEqual(ids);
  });
});

describe("disabled accounts (accountEnabled: false)", () => {
  it("cannot sign in: the authorize page stops with AADSTS50057 and no code reaches the app", async () => {
    const { cca } = adminConsole();
    const disabled = newUser("Disabled Person", { accountEnabled: false });
    for (const viaScript of [false, true]) {
      if (viaScript) fx.emulator.control.nextSignIn({ userId: disabled.id });
      const url = await cca.getAuthCodeUrl({
        scopes: OIDC,
        redirectUri: TEST_REDIRECT_URI,
        ...(viaScript ? {} : { loginHint: disabled.userPrincipalName }),
      });
      const response = await tls.fetch(url, { redirect: "manual" });
      expect(response.status).toBe(400);
      expect(response.headers.get("location")).toBeNull();
      expect(await response.text()).toContain("AADSTS50057");
    }
  });

  it("disabled after signing in: refresh and code redemption answer invalid_grant AADSTS50057", async () => {
    const { cca } = adminConsole();
    const person = newUser("Soon Disabled");
    const session = await signIn(fx.emulator, cca, person.userPrincipalName, OIDC);

    const verifier = randomBytes(32).toString("base64url");
    const url = await cca.getAuthCodeUrl({
      scopes: OIDC,
      redirectUri: TEST_REDIRECT_URI,
      loginHint: person.userPrincipalName,
      codeChallenge: createHash("sha256").update(verifier).digest("base64url"),
      codeChallengeMethod: "S256",
    });
    const redirect = await tls.fetch(url, { redirect: "manual" });
    const code = new URL(redirect.headers.get("location") ?? "").searchParams.get("code") ?? "";

    fx.emulator.control.updateUser(person.id, { accountEnabled: false });
    const refused = { errorCode: "invalid_grant", errorMessage: expect.stringContaining("AADSTS50057") };
    await expect(
      cca.acquireTokenSilent({ account: session.account, scopes: OIDC, forceRefresh: true }),
    ).rejects.toMatchObject(refused);
    await expect(
      cca.acquireTokenByCode({ code, scopes: OIDC, redirectUri: TEST_REDIRECT_URI, codeVerifier: verifier }),
    ).rejects.toMatchObject(refused);

    fx.emulator.control.updateUser(person.id, { accountEnabled: true });
    expect((await idTokenClaims(cca, person)).oid).toBe(person.id);
  });
});
