import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { FLOW_COOKIE, SESSION_COOKIE } from "./session-cookie.ts";
import { startAdminWorld, type AdminWorld } from "../testing/admin-world.ts";

let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld();
});
afterAll(async () => {
  await w?.stop();
});

describe("Microsoft sign-in (OpenID Connect through msal-node against the Entra emulator)", () => {
  it("an admin (by Entra group) signs in, gets a server-side session and may use the admin API", async () => {
    const browser = await w.signInWithMicrosoft(w.admin);
    const session = await browser.request("GET", "/api/session");
    expect(session.json).toMatchObject({
      user: { email: "ida@contoso.test", provider: "microsoft", admin: true },
      csrfToken: expect.any(String),
    });
    expect((await browser.request("GET", "/api/links")).status).toBe(200);
    // The cookie is a random secret; the store only has its hash.
    const cookie = browser.cookie(SESSION_COOKIE) ?? "";
    expect(cookie).toMatch(/^[\w-]{43}$/);
    const rows = await w.db.webSession.findMany();
    expect(rows.some((r) => r.id === cookie)).toBe(false);
    expect(rows.find((r) => r.email === "ida@contoso.test")?.groups).toEqual([w.adminGroupId]);
    const audit = await w.db.syncEvent.findFirst({ where: { kind: "signed_in" }, orderBy: { id: "desc" } });
    expect(audit?.message).toMatch(/ida@contoso.test \(microsoft\) signed in with Microsoft/);
  });

  it("sets the session cookie HttpOnly and SameSite=Lax, and the page answers carry security headers", async () => {
    const browser = w.browser();
    const start = await browser.request("GET", `/auth/microsoft?login_hint=${w.admin.userPrincipalName}`);
    expect(start.headers.get("set-cookie")).toMatch(
      new RegExp(`${FLOW_COOKIE}=.*HttpOnly.*SameSite=Lax`, "i"),
    );
    const callback = await browser.request("GET", start.headers.get("location") ?? "");
    const back = await browser.request("GET", callback.headers.get("location") ?? "");
    expect(back.status).toBe(302);
    expect(back.headers.get("set-cookie")).toMatch(/presence_session=[\w-]{43}; .*HttpOnly; .*SameSite=Lax/i);
    const page = await browser.request("GET", "/people");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("an employee signs in too, but only for the self-service page", async () => {
    const browser = await w.signInWithMicrosoft(w.employee);
    expect((await browser.request("GET", "/api/session")).json.user).toMatchObject({ admin: false });
    const refused = await browser.request("GET", "/api/links");
    expect(refused.status).toBe(403);
    expect(refused.json.error).toBe("forbidden");
    expect((await browser.request("GET", "/api/me")).status).toBe(200);
    const page = await browser.request("GET", "/rules");
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/me");
  });

  it("admin rights follow the allow-list at once (removing the group ends them without signing out)", async () => {
    const browser = await w.signInWithMicrosoft(w.admin);
    const entry = await w.db.adminPrincipal.findFirstOrThrow({ where: { value: w.adminGroupId } });
    const spare = await w.token.request("POST", "/api/admins", {
      body: { kind: "email", value: "other@contoso.test" },
    });
    expect((await w.token.request("DELETE", `/api/admins/${entry.id}`)).status).toBe(200);
    expect((await browser.request("GET", "/api/links")).status).toBe(403);
    await w.token.request("POST", "/api/admins", { body: { kind: "entra_group", value: w.adminGroupId } });
    await w.token.request("DELETE", `/api/admins/${(spare.json.admin as { id: string }).id}`);
    expect((await browser.request("GET", "/api/links")).status).toBe(200);
  });

  it("refuses a callback that did not start in this browser, a replayed one, and a forged state", async () => {
    const victim = w.browser();
    const start = await victim.request("GET", `/auth/microsoft?login_hint=${w.admin.userPrincipalName}`);
    const entra = await victim.request("GET", start.headers.get("location") ?? "");
    const callback = entra.headers.get("location") ?? "";
    expect(callback).toContain("/auth/microsoft/callback?code=");

    const attacker = w.browser();
    const stolen = await attacker.request("GET", callback);
    expect(decodeURIComponent(stolen.headers.get("location") ?? "")).toMatch(/did not start in this browser/);
    expect(attacker.cookie(SESSION_COOKIE)).toBeUndefined();

    const used = await victim.request("GET", callback);
    expect(used.headers.get("set-cookie")).toMatch(/presence_session=/);
    victim.setCookie(FLOW_COOKIE, new URL(callback).searchParams.get("state") ?? "");
    const replay = await victim.request("GET", callback);
    expect(decodeURIComponent(replay.headers.get("location") ?? "")).toMatch(/expired or was already used/);

    const forged = w.browser();
    forged.setCookie(FLOW_COOKIE, "x".repeat(32));
    const bad = await forged.request("GET", `/auth/microsoft/callback?code=abc&state=${"x".repeat(32)}`);
    expect(decodeURIComponent(bad.headers.get("location") ?? "")).toMatch(/expired or was already used/);
  });

  it("a disabled account cannot sign in", async () => {
    w.graph.control.updateUser(w.employee.id, { accountEnabled: false });
    const browser = w.browser();
    const start = await browser.request("GET", `/auth/microsoft?login_hint=${w.employee.userPrincipalName}`);
    const entra = await browser.request("GET", start.headers.get("location") ?? "");
    expect(entra.status).toBe(400);
    expect(entra.text).toContain("AADSTS50057");
    expect(browser.cookie(SESSION_COOKIE)).toBeUndefined();
    w.graph.control.updateUser(w.employee.id, { accountEnabled: true });
  });

  it("signs out: the session is gone from the store and the cookie is cleared", async () => {
    const browser = await w.signInWithMicrosoft(w.admin);
    const before = await w.db.webSession.count();
    const out = await browser.request("DELETE", "/api/session");
    expect(out.status).toBe(200);
    expect(await w.db.webSession.count()).toBe(before - 1);
    expect(browser.cookie(SESSION_COOKIE)).toBeUndefined();
    expect((await browser.request("GET", "/api/links")).status).toBe(401);
  });
});

describe("Sign in with Slack (OpenID Connect against the Slack emulator)", () => {
  it("a person of a workspace where the app is installed signs in for the self-service page", async () => {
    const browser = w.browser();
    w.slack.control.oauthSignIn({ userId: w.slackUser.id });
    const start = await browser.request("GET", "/auth/slack?next=/me");
    expect(start.headers.get("location")).toContain("/openid/connect/authorize?");
    const back = await browser.follow(start.headers.get("location") ?? "");
    expect(back.url).toBe(`${w.url}/me`);
    const session = await browser.request("GET", "/api/session");
    expect(session.json.user).toMatchObject({ provider: "slack", email: "sam@contoso.test", admin: false });
  });

  it("a Slack user on the allow-list is an admin", async () => {
    await w.token.request("POST", "/api/admins", {
      body: { kind: "slack_user", value: `${w.slackTeamId}/${w.slackUser.id}` },
    });
    const browser = w.browser();
    w.slack.control.oauthSignIn({ userId: w.slackUser.id });
    await browser.follow((await browser.request("GET", "/auth/slack")).headers.get("location") ?? "");
    expect((await browser.request("GET", "/api/session")).json.user).toMatchObject({ admin: true });
  });
});

describe("sign-in rate limit (last: it spends this client address's allowance)", () => {
  it("rate-limits sign-in attempts per client", async () => {
    const browser = w.browser();
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await browser.request("GET", "/auth/microsoft")).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 302).length).toBeLessThanOrEqual(30);
  });
});
