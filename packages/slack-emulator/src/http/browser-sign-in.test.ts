import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import type { SlackEmulator } from "../start-slack-emulator.ts";
import { emulatorForTest, webClient } from "../test-helpers.ts";
import { SESSION_COOKIE } from "./session-cookie.ts";

const REDIRECT = "https://admin.example.com/auth/slack/callback";

interface Answer {
  status: number;
  location: URL | null;
  error: string | null;
  setCookies: string[];
  html: string;
  /** The address this answer came from (the form's action resolves against it). */
  url: string;
}

/**
 * A browser without JavaScript over a real socket: follows nothing by itself, keeps the cookies it is
 * given and sends them back, and submits a page's form with its hidden fields.
 */
class Browser {
  readonly cookies = new Map<string, string>();

  get(url: string): Promise<Answer> {
    return this.send(url, { method: "GET" });
  }

  /** Fills the page's form (hidden fields as they are, plus `fields`) and presses "Sign in". */
  submit(page: Answer, fields: Record<string, string>): Promise<Answer> {
    const form = signInForm(page.html);
    const body = new URLSearchParams(form.hidden);
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    return this.send(new URL(form.action, page.url).toString(), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: body.toString(),
    });
  }

  async send(url: string, init: RequestInit): Promise<Answer> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const pair = line.split(";")[0] ?? "";
      this.cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
    }
    const location = response.headers.get("location");
    return {
      status: response.status,
      location: location ? new URL(location) : null,
      error: response.headers.get("x-slack-emulator-error"),
      setCookies,
      html: await response.text(),
      url,
    };
  }
}

const unescapeHtml = (text: string): string =>
  text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

/** The sign-in form's action and hidden fields, read from the page. */
function signInForm(html: string): { action: string; hidden: [string, string][] } {
  const action = /<form method="post" action="([^"]*)">/.exec(html)?.[1];
  if (action === undefined) throw new Error(`no sign-in form in: ${html}`);
  const hidden = [...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map(
    ([, name = "", value = ""]): [string, string] => [unescapeHtml(name), unescapeHtml(value)],
  );
  return { action: unescapeHtml(action), hidden };
}

const alertOf = (html: string): string | undefined =>
  /<p class="alert" role="alert"[^>]*>([^<]*)<\/p>/.exec(html)?.[1];

function world(emulator: SlackEmulator) {
  const ws = emulator.control.createWorkspace({ name: "Acme & Co", domain: "acme" });
  const ada = emulator.control.createUser({
    teamId: ws.id,
    name: "ada",
    realName: "Ada Lovelace",
    email: "ada@acme.test",
  });
  const grace = emulator.control.createUser({ teamId: ws.id, name: "grace", email: "grace@acme.test" });
  const { app } = emulator.control.createApp({ name: "Presence <Admin>", redirectUrls: [REDIRECT] });
  return { ws, ada, grace, app };
}

const openIdUrl = (emulator: SlackEmulator, params: Record<string, string>): string =>
  `${emulator.openidAuthorizeUrl}?${new URLSearchParams(params)}`;

describe("the sign-in page of the authorize pages", () => {
  it("Sign in with Slack: form → wrong e-mail → right e-mail → code → openid.connect.token; the cookie skips the form", async () => {
    const emulator = await emulatorForTest();
    const { ws, ada, app } = world(emulator);
    const params = {
      response_type: "code",
      scope: "openid email profile",
      client_id: app.clientId,
      redirect_uri: REDIRECT,
      state: `st"<&>'1`,
      nonce: "n-0S6_WzA2Mj",
      team: ws.id,
    };
    const browser = new Browser();

    const page = await browser.get(openIdUrl(emulator, params));
    expect(page.status).toBe(200);
    expect(page.setCookies).toEqual([]);
    expect(page.html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(page.html).toContain("<title>Sign in to Acme &#38; Co | Slack</title>");
    expect(page.html).toContain("<main>");
    expect(page.html).toContain("<h1>Sign in to Acme &#38; Co</h1>");
    expect(page.html).toContain("Presence &#60;Admin&#62;");
    expect(page.html).toContain('<label for="email">E-mail address</label>');
    expect(page.html).toMatch(/<input id="email" type="email" name="email" autocomplete="username" required/);
    expect(page.html).toContain('<label for="password">Password');
    expect(page.html).toMatch(/<input id="password" type="password" name="password"/);
    expect(page.html).toContain('<button type="submit">Sign in</button>');
    expect(page.html).not.toContain("<script");
    expect(page.html).not.toContain(params.state); // escaped, never raw
    const form = signInForm(page.html);
    expect(form.action).toBe("/openid/connect/authorize");
    expect(form.hidden).toEqual(Object.entries(params));

    const wrong = await browser.submit(page, { email: `nobody"<x>@acme.test`, password: "" });
    expect(wrong.status).toBe(200);
    expect(alertOf(wrong.html)).toBe("We couldn&#39;t find that e-mail address");
    expect(wrong.html).toContain('value="nobody&#34;&#60;x&#62;@acme.test"');
    expect(wrong.html).toMatch(/id="email"[^>]*aria-invalid="true" aria-describedby="sign-in-alert"/);
    expect(signInForm(wrong.html).hidden).toEqual(Object.entries(params));
    expect(wrong.setCookies).toEqual([]);

    const signedIn = await browser.submit(wrong, { email: "  ADA@Acme.TEST ", password: "" });
    expect(signedIn.status).toBe(302);
    expect(`${signedIn.location?.origin}${signedIn.location?.pathname}`).toBe(REDIRECT);
    expect(signedIn.location?.searchParams.get("state")).toBe(params.state);
    const code = signedIn.location?.searchParams.get("code") ?? "";
    expect(code).not.toBe("");
    expect(signedIn.setCookies).toHaveLength(1);
    expect(signedIn.setCookies[0]).toMatch(
      new RegExp(`^${SESSION_COOKIE}=[\\w-]{43}; Path=/; HttpOnly; SameSite=Lax$`),
    );

    const token = await webClient(emulator).openid.connect.token({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code,
      redirect_uri: REDIRECT,
    });
    expect(token.ok).toBe(true);
    expect(decodeJwt(token.id_token ?? "")).toMatchObject({
      sub: ada.id,
      nonce: params.nonce,
      email: "ada@acme.test",
    });

    // Slack keeps the browser signed in: the next visit goes straight back to the app.
    const again = await browser.get(openIdUrl(emulator, { ...params, state: "st-2" }));
    expect(again.status).toBe(302);
    expect(again.setCookies).toEqual([]);
    expect(again.location?.searchParams.get("state")).toBe("st-2");
    const second = await webClient(emulator).openid.connect.token({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code: again.location?.searchParams.get("code") ?? "",
      redirect_uri: REDIRECT,
    });
    expect(decodeJwt(second.id_token ?? "").sub).toBe(ada.id);

    // Another browser (no cookie) sees the form.
    expect((await new Browser().get(openIdUrl(emulator, params))).status).toBe(200);
  });

  it("OAuth v2: form → right e-mail → code → oauth.v2.access; the cookie skips the form", async () => {
    const emulator = await emulatorForTest();
    const { grace, app } = world(emulator);
    const params = {
      client_id: app.clientId,
      scope: "users:read",
      user_scope: "users.profile:write",
      redirect_uri: REDIRECT,
      state: "install-1",
    };
    const browser = new Browser();

    const page = await browser.get(`${emulator.authorizeUrl}?${new URLSearchParams(params)}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("<h1>Sign in to Acme &#38; Co</h1>"); // the only workspace
    const form = signInForm(page.html);
    expect(form.action).toBe("/oauth/v2/authorize");
    expect(form.hidden).toEqual(Object.entries(params));

    const wrong = await browser.submit(page, { email: "ada@other.test" });
    expect(alertOf(wrong.html)).toBe("We couldn&#39;t find that e-mail address");

    const signedIn = await browser.submit(page, { email: "grace@acme.test" });
    expect(signedIn.status).toBe(302);
    expect(signedIn.location?.searchParams.get("state")).toBe("install-1");
    const access = await webClient(emulator).oauth.v2.access({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code: signedIn.location?.searchParams.get("code") ?? "",
      redirect_uri: REDIRECT,
    });
    expect(access).toMatchObject({
      ok: true,
      token_type: "bot",
      scope: "users:read",
      authed_user: { id: grace.id, scope: "users.profile:write" },
    });

    const again = await browser.get(`${emulator.authorizeUrl}?${new URLSearchParams(params)}`);
    expect(again.status).toBe(302);
    expect(again.location?.searchParams.get("code")).toBeTruthy();
  });

  it("checks the password when one is set (createUser, setUserPassword), never shows it", async () => {
    const emulator = await emulatorForTest();
    const { ws, app } = world(emulator);
    const linus = emulator.control.createUser({
      teamId: ws.id,
      name: "linus",
      email: "linus@acme.test",
      password: "correct horse",
    });
    expect(JSON.stringify(linus)).not.toContain("correct horse");
    const url = openIdUrl(emulator, { response_type: "code", scope: "openid", client_id: app.clientId });
    const browser = new Browser();
    const page = await browser.get(url);

    for (const password of ["", "Correct horse", "correct horse "]) {
      const refused = await browser.submit(page, { email: "linus@acme.test", password });
      expect(refused.status, password).toBe(200);
      expect(alertOf(refused.html), password).toBe("Wrong password");
      expect(refused.html).toMatch(/id="password"[^>]*aria-invalid="true"/);
      expect(refused.html).not.toMatch(/id="password"[^>]*value=/); // a password is never sent back
      expect(refused.setCookies).toEqual([]);
    }
    expect((await browser.submit(page, { email: "linus@acme.test", password: "correct horse" })).status).toBe(
      302,
    );

    // Changed over HTTP like any control operation; null removes it.
    const changed = await fetch(`${emulator.url}/_emulator/setUserPassword`, {
      method: "POST",
      body: JSON.stringify({ userId: linus.id, password: "battery staple" }),
    });
    expect(await changed.json()).toEqual({ userId: linus.id, hasPassword: true });
    const fresh = new Browser();
    const first = await fresh.get(url);
    expect(
      alertOf((await fresh.submit(first, { email: "linus@acme.test", password: "correct horse" })).html),
    ).toBe("Wrong password");
    expect((await fresh.submit(first, { email: "linus@acme.test", password: "battery staple" })).status).toBe(
      302,
    );
    expect(emulator.control.setUserPassword({ userId: linus.id, password: null })).toEqual({
      userId: linus.id,
      hasPassword: false,
    });
    const open = new Browser();
    expect((await open.submit(await open.get(url), { email: "linus@acme.test" })).status).toBe(302);
    // For people without a password, whatever is typed in the field does not matter.
    const other = new Browser();
    expect((await other.submit(await other.get(url), { email: "ada@acme.test", password: "x" })).status).toBe(
      302,
    );

    const bot = emulator.control.createUser({ teamId: ws.id, name: "robot", isBot: true });
    expect(() => emulator.control.setUserPassword({ userId: bot.id, password: "x" })).toThrow(/bot/);
    expect(() => emulator.control.setUserPassword({ userId: linus.id, password: "" })).toThrow();
  });

  it("refuses deactivated people, forgets their session, and checks the hidden parameters again", async () => {
    const emulator = await emulatorForTest();
    const { ada, app } = world(emulator);
    const params = {
      response_type: "code",
      scope: "openid",
      client_id: app.clientId,
      redirect_uri: REDIRECT,
    };
    const browser = new Browser();
    const page = await browser.get(openIdUrl(emulator, params));
    expect((await browser.submit(page, { email: "ada@acme.test" })).status).toBe(302);

    emulator.control.setUserDeleted({ userId: ada.id, deleted: true });
    const form = await browser.get(openIdUrl(emulator, params));
    expect(form.status).toBe(200);
    const refused = await browser.submit(form, { email: "ada@acme.test" });
    expect(alertOf(refused.html)).toBe("This account has been deactivated");
    emulator.control.setUserDeleted({ userId: ada.id, deleted: false });

    // A tampered form is checked exactly like the URL: no sign-in, no cookie.
    const tampered = await new Browser().send(emulator.openidAuthorizeUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        ...params,
        redirect_uri: "https://evil.example.com/cb",
        email: "ada@acme.test",
      }).toString(),
    });
    expect(tampered).toMatchObject({
      status: 400,
      error: "bad_redirect_uri",
      location: null,
      setCookies: [],
    });
    const noScope = await new Browser().send(emulator.authorizeUrl, {
      method: "POST",
      body: new URLSearchParams({ client_id: app.clientId, email: "ada@acme.test" }).toString(),
    });
    expect(noScope.error).toBe("invalid_scope");
  });

  it("scripted sign-in and _emulator_user win over the cookie; consent still decides", async () => {
    const emulator = await emulatorForTest();
    const { ada, grace, app } = world(emulator);
    const params = {
      response_type: "code",
      scope: "openid",
      client_id: app.clientId,
      redirect_uri: REDIRECT,
    };
    const browser = new Browser();
    await browser.submit(await browser.get(openIdUrl(emulator, params)), { email: "ada@acme.test" });

    const subOf = async (answer: Answer): Promise<unknown> => {
      const token = await webClient(emulator).openid.connect.token({
        client_id: app.clientId,
        client_secret: app.clientSecret,
        code: answer.location?.searchParams.get("code") ?? "",
        redirect_uri: REDIRECT,
      });
      return decodeJwt(token.id_token ?? "").sub;
    };
    expect(await subOf(await browser.get(openIdUrl(emulator, params)))).toBe(ada.id);
    expect(await subOf(await browser.get(openIdUrl(emulator, { ...params, _emulator_user: grace.id })))).toBe(
      grace.id,
    );
    emulator.control.oauthSignIn({ userId: grace.id });
    expect(await subOf(await browser.get(openIdUrl(emulator, params)))).toBe(grace.id);

    // Nobody scripted, but the person cancels on the consent screen: access_denied after the form too.
    emulator.control.oauthSignIn({ userId: null, decision: "deny" });
    const fresh = new Browser();
    const denied = await fresh.submit(await fresh.get(openIdUrl(emulator, { ...params, state: "s" })), {
      email: "ada@acme.test",
    });
    expect(denied.location?.searchParams.get("error")).toBe("access_denied");
    expect(denied.location?.searchParams.get("state")).toBe("s");
    expect(
      await subOf(await browser.get(openIdUrl(emulator, { ...params, _emulator_decision: "allow" }))),
    ).toBe(ada.id);
  });

  it("picks the workspace: team, else the app's, else any; one browser stays signed in to several", async () => {
    const emulator = await emulatorForTest();
    const { ws: acme, ada, app } = world(emulator);
    const globex = emulator.control.createWorkspace({ name: "Globex", domain: "globex" });
    const hank = emulator.control.createUser({ teamId: globex.id, name: "hank", email: "hank@globex.test" });
    const params = {
      response_type: "code",
      scope: "openid",
      client_id: app.clientId,
      redirect_uri: REDIRECT,
    };
    const browser = new Browser();

    // Two workspaces, the app installed in neither: any workspace.
    const anywhere = await browser.get(openIdUrl(emulator, params));
    expect(anywhere.html).toContain("<h1>Sign in to Slack</h1>");
    expect((await new Browser().submit(anywhere, { email: "hank@globex.test" })).status).toBe(302);

    // Installed in Acme: Acme's page, where Hank is unknown.
    emulator.control.installApp({ appId: app.id, installerUserId: ada.id, botScopes: ["users:read"] });
    const acmePage = await browser.get(openIdUrl(emulator, params));
    expect(acmePage.html).toContain("<h1>Sign in to Acme &#38; Co</h1>");
    expect(acmePage.html).toContain("acme.slack.com");
    expect(alertOf((await browser.submit(acmePage, { email: "hank@globex.test" })).html)).toBe(
      "We couldn&#39;t find that e-mail address",
    );
    expect((await browser.submit(acmePage, { email: "ada@acme.test" })).status).toBe(302);

    // team= names the workspace; the Acme session does not count there, and both are kept.
    const globexPage = await browser.get(openIdUrl(emulator, { ...params, team: globex.id }));
    expect(globexPage.status).toBe(200);
    expect(globexPage.html).toContain("<h1>Sign in to Globex</h1>");
    expect((await browser.submit(globexPage, { email: "hank@globex.test" })).status).toBe(302);
    expect((await browser.get(openIdUrl(emulator, { ...params, team: globex.id }))).status).toBe(302);
    expect((await browser.get(openIdUrl(emulator, { ...params, team: acme.id }))).status).toBe(302);
    expect(browser.cookies.size).toBe(1);
    expect(hank.teamId).toBe(globex.id);

    const unknown = await browser.get(openIdUrl(emulator, { ...params, team: "T0NOWHERE1" }));
    expect(unknown).toMatchObject({ status: 400, error: "team_not_found" });
  });
});
