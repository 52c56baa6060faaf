import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { API_ROUTES } from "../api/openapi.ts";
import { API_TOKEN, startAdminWorld, type AdminWorld } from "../testing/admin-world.ts";
import { SESSION_COOKIE } from "./session-cookie.ts";
import { rawRequest } from "../testing/raw-request.ts";

let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld();
});
afterAll(async () => {
  await w?.stop();
});

const concrete = (path: string) =>
  path
    .replace("{person}", "nobody%40acme.test")
    .replace("{id}", "00000000-0000-4000-8000-000000000000")
    .replace("{version}", "1");

describe("every route is behind sign-in", () => {
  it("without a session or token: 401 from every API route but the open ones, and nothing changes", async () => {
    const before = await w.db.syncEvent.count();
    const anonymous = w.browser();
    for (const route of API_ROUTES.filter((r) => r.access !== "public")) {
      const res = await anonymous.request(route.method.toUpperCase(), concrete(route.path), {
        ...(route.method === "get" || route.method === "delete" ? {} : { body: {} }),
      });
      expect(res.status, `${route.method} ${route.path}`).toBe(401);
      expect(res.json.error).toBe("unauthorized");
    }
    expect(await w.db.syncEvent.count()).toBe(before);
  });

  it("a wrong bearer token is refused even where a session would do", async () => {
    const res = await w
      .browser()
      .request("GET", "/api/session", { headers: { authorization: "Bearer not-the-token-not-the-token" } });
    expect(res.status).toBe(401);
  });

  it("every page sends visitors without a session to sign in; the sign-in page and assets are open", async () => {
    const anonymous = w.browser();
    for (const page of [
      "/",
      "/people",
      "/people/abc",
      "/rules",
      "/settings",
      "/audit",
      "/admins",
      "/me",
      "/demo",
    ]) {
      const res = await anonymous.request("GET", page);
      expect(res.status, page).toBe(302);
      expect(res.headers.get("location"), page).toBe(`/signin?next=${encodeURIComponent(page)}`);
    }
    expect((await anonymous.request("GET", "/signin")).status).not.toBe(302);
  });
});

describe("cross-site request forgery", () => {
  it("a signed-in browser's change needs its X-CSRF-Token and the same Origin", async () => {
    const browser = await w.signInWithMicrosoft(w.admin);
    const body = { kind: "email", value: "csrf-test@contoso.test" };
    const token = browser.csrfToken;
    browser.csrfToken = null;
    const noToken = await browser.request("POST", "/api/admins", { body });
    expect(noToken.status).toBe(403);
    expect(noToken.json.message).toMatch(/X-CSRF-Token/);
    const wrongToken = await browser.request("POST", "/api/admins", {
      body,
      headers: { "x-csrf-token": "x".repeat(43) },
    });
    expect(wrongToken.status).toBe(403);
    browser.csrfToken = token;
    const foreign = await browser.request("POST", "/api/admins", { body, origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(foreign.json.message).toMatch(/Cross-origin/);
    const formPost = await browser.request("POST", "/api/admins", {
      body: "kind=email&value=csrf-test%40contoso.test",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      json: false,
    });
    expect(formPost.status).toBe(415);
    const textPlain = await browser.request("POST", "/api/admins", {
      body: JSON.stringify(body),
      headers: { "content-type": "text/plain" },
      json: false,
    });
    expect(textPlain.status).toBe(415);
    expect(await w.db.adminPrincipal.count({ where: { value: "csrf-test@contoso.test" } })).toBe(0);
    const ok = await browser.request("POST", "/api/admins", { body });
    expect(ok.status).toBe(201);
  });

  it("a request to a host name the app does not answer to is refused (DNS rebinding)", async () => {
    const browser = await w.signInWithMicrosoft(w.admin);
    const cookie = `${SESSION_COOKIE}=${browser.cookie(SESSION_COOKIE) ?? ""}`;
    const port = new URL(w.url).port;
    const as = (host: string, path: string) => rawRequest(`${w.url}${path}`, { headers: { host, cookie } });
    expect((await as("evil.example", "/api/links")).status).toBe(421);
    expect((await as("evil.example:80", "/people")).status).toBe(421);
    expect((await as(`localhost:${port}`, "/api/links")).status).toBe(200);
    const scripted = await rawRequest(`${w.url}/api/links`, {
      headers: { host: "evil.example", authorization: `Bearer ${API_TOKEN}` },
    });
    expect(scripted.status).toBe(421);
  });
});

describe("the zero-config demo without a token", () => {
  it("serves local callers on a loopback host name only, never through a proxy or a rebound name, and never a cross-site change", async () => {
    const demo = await startAdminWorld({ demo: true, config: { ADMIN_API_TOKEN: undefined } });
    try {
      const local = demo.browser();
      expect((await local.request("GET", "/api/links")).status).toBe(200);
      expect(
        (await local.request("GET", "/api/links", { headers: { "x-forwarded-for": "203.0.113.9" } })).status,
      ).toBe(401);
      expect(
        (await local.request("GET", "/api/links", { headers: { forwarded: "for=203.0.113.9" } })).status,
      ).toBe(401);
      expect((await rawRequest(`${demo.url}/api/links`, { headers: { host: "evil.example" } })).status).toBe(
        421,
      );
      const crossSite = await local.request("POST", "/api/links/nobody@x.test/pause", {
        body: {},
        origin: "https://evil.example",
      });
      expect(crossSite.status).toBe(403);
      const textPlain = await local.request("POST", "/api/links/nobody@x.test/pause", {
        body: "{}",
        headers: { "content-type": "text/plain" },
        json: false,
      });
      expect(textPlain.status).toBe(415);
    } finally {
      await demo.stop();
    }
    // A real install (not both sides emulated) never serves anyone without a token or a session.
    const deployed = w.browser();
    const refused = await deployed.request("GET", "/api/links");
    expect(refused.status).toBe(401);
  });
});
