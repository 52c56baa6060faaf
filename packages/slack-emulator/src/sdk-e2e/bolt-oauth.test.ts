import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, LogLevel } from "@slack/bolt";
import type { Installation, InstallationQuery, InstallationStore, Logger } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { emulatorForTest, stopBeforeEmulator, webClient } from "../test-helpers.ts";
import { BRIDGE_BOT_SCOPES, BRIDGE_USER_SCOPES } from "../testing/seed.ts";

/**
 * Keyed by (enterprise, team, user) like the bridge's store. For a person who never connected it returns
 * the workspace installation without a user token, as FileInstallationStore does.
 */
class PerUserInstallationStore implements InstallationStore {
  readonly workspaceInstalls = new Map<string, Installation>();
  readonly userInstalls = new Map<string, Installation>();

  #key(enterpriseId: string | undefined, teamId: string | undefined): string {
    return `${enterpriseId ?? "-"}:${teamId ?? "-"}`;
  }

  async storeInstallation(installation: Installation): Promise<void> {
    const key = this.#key(
      installation.enterprise?.id,
      installation.isEnterpriseInstall ? undefined : installation.team?.id,
    );
    if (installation.bot) this.workspaceInstalls.set(key, installation);
    this.userInstalls.set(`${key}:${installation.user.id}`, installation);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const key = this.#key(query.enterpriseId, query.isEnterpriseInstall ? undefined : query.teamId);
    const workspace = this.workspaceInstalls.get(key);
    if (!workspace) throw new Error(`no installation for ${key}`);
    const person = query.userId ? this.userInstalls.get(`${key}:${query.userId}`) : undefined;
    return {
      ...workspace,
      user: person?.user ?? { id: query.userId ?? workspace.user.id, token: undefined, scopes: undefined },
    };
  }
}

/** A Bolt logger that keeps errors instead of printing them. */
function recordingLogger(errors: string[]): Logger {
  let level = LogLevel.ERROR;
  const quiet = (): void => undefined;
  return {
    debug: quiet,
    info: quiet,
    warn: quiet,
    error: (...messages: unknown[]) => errors.push(messages.map(String).join(" ")),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: quiet,
  };
}

function cookieValue(setCookie: string | null, name: string): string {
  const match = new RegExp(`${name}=([^;]+)`).exec(setCookie ?? "");
  if (!match?.[1]) throw new Error(`no ${name} cookie in ${setCookie}`);
  return match[1];
}

describe("Bolt OAuth install flow against the emulator", () => {
  it("/slack/install → emulator authorize → /slack/oauth_redirect → oauth.v2.access → InstallationStore; then events authorize from the store", async () => {
    const emulator = await emulatorForTest();
    const ws = emulator.control.createWorkspace({ name: "Acme" });
    const owner = emulator.control.createUser({ teamId: ws.id, name: "owner", role: "owner" });
    const neverConnected = emulator.control.createUser({ teamId: ws.id, name: "bystander" });
    const { app: slackApp } = emulator.control.createApp({ botEvents: ["user_change"] });
    const store = new PerUserInstallationStore();
    const bolt = new App({
      clientId: slackApp.clientId,
      clientSecret: slackApp.clientSecret,
      signingSecret: slackApp.signingSecret,
      stateSecret: "a-state-secret",
      scopes: BRIDGE_BOT_SCOPES,
      installationStore: store,
      installerOptions: { authorizationUrl: emulator.authorizeUrl, userScopes: BRIDGE_USER_SCOPES },
      clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } },
      processBeforeResponse: true,
      logLevel: LogLevel.ERROR,
    });
    const contexts: { user: string; botToken: string | undefined; userToken: string | undefined }[] = [];
    bolt.event("user_change", async ({ event, context }) => {
      contexts.push({ user: event.user.id, botToken: context.botToken, userToken: context.userToken });
    });
    const server = (await bolt.start(0)) as Server;
    stopBeforeEmulator(() => bolt.stop());
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    emulator.control.updateApp({ appId: slackApp.id, redirectUrls: [`${base}/slack/oauth_redirect`] });
    emulator.control.oauthSignIn({ userId: owner.id });

    // 1. Bolt's install page sets the state cookie and links to the emulator's authorize URL.
    const installPage = await fetch(`${base}/slack/install`, { redirect: "manual" });
    expect(installPage.status).toBe(200);
    const state = cookieValue(installPage.headers.get("set-cookie"), "slack-app-oauth-state");
    const href = (/<a href="([^"]+)"/.exec(await installPage.text())?.[1] ?? "").replaceAll("&amp;", "&");
    const authorizeUrl = new URL(href);
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(emulator.authorizeUrl);
    expect(authorizeUrl.searchParams.get("client_id")).toBe(slackApp.clientId);
    expect(authorizeUrl.searchParams.get("user_scope")).toBe(BRIDGE_USER_SCOPES.join(","));

    // 2. The emulated consent screen redirects back with code and state.
    const consent = await fetch(href, { redirect: "manual" });
    expect(consent.status).toBe(302);
    const callback = new URL(consent.headers.get("location") ?? "");
    expect(`${callback.origin}${callback.pathname}`).toBe(`${base}/slack/oauth_redirect`);
    expect(callback.searchParams.get("state")).toBe(state);

    // 3. Bolt's callback (carrying the cookie) exchanges the code and stores the installation.
    const done = await fetch(callback, {
      headers: { cookie: `slack-app-oauth-state=${state}` },
      redirect: "manual",
    });
    expect(done.status).toBe(200);
    const installation = store.workspaceInstalls.get(`-:${ws.id}`);
    expect(installation).toMatchObject({
      team: { id: ws.id, name: "Acme" },
      appId: slackApp.id,
      isEnterpriseInstall: false,
      authVersion: "v2",
      bot: { scopes: BRIDGE_BOT_SCOPES },
      user: { id: owner.id, scopes: BRIDGE_USER_SCOPES },
    });
    expect(installation?.bot?.id).toMatch(/^B/);
    expect((await webClient(emulator, installation?.bot?.token).auth.test()).bot_id).toBe(
      installation?.bot?.id,
    );
    expect(emulator.control.calls({ method: "oauth.v2.access" })).toHaveLength(1);

    // 4. Events authorize from the store; for someone who never connected: the workspace installation, no user token.
    expect(
      (await emulator.control.setRequestUrl({ appId: slackApp.id, url: `${base}/slack/events` })).verified,
    ).toBe(true);
    await webClient(emulator, installation?.user.token).users.profile.set({
      profile: { status_text: "Installed the bridge", status_emoji: ":tada:" },
    });
    emulator.control.setStatus({ userId: neverConnected.id, text: "Lunch", emoji: ":sandwich:" });
    await emulator.control.waitForDeliveries({ appId: slackApp.id, eventType: "user_change", count: 2 });
    expect(contexts).toContainEqual({
      user: neverConnected.id,
      botToken: installation?.bot?.token,
      userToken: undefined,
    });
    expect(contexts).toContainEqual({
      user: owner.id,
      botToken: installation?.bot?.token,
      userToken: installation?.user.token,
    });
  });

  it("a callback without the state cookie is refused and nothing is installed", async () => {
    const emulator = await emulatorForTest();
    const ws = emulator.control.createWorkspace({});
    const owner = emulator.control.createUser({ teamId: ws.id, name: "owner", role: "owner" });
    const { app: slackApp } = emulator.control.createApp({});
    const store = new PerUserInstallationStore();
    const errors: string[] = [];
    const bolt = new App({
      clientId: slackApp.clientId,
      clientSecret: slackApp.clientSecret,
      signingSecret: slackApp.signingSecret,
      stateSecret: "a-state-secret",
      scopes: ["users:read"],
      installationStore: store,
      installerOptions: { authorizationUrl: emulator.authorizeUrl, directInstall: true },
      clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } },
      logger: recordingLogger(errors),
    });
    const server = (await bolt.start(0)) as Server;
    stopBeforeEmulator(() => bolt.stop());
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    emulator.control.updateApp({ appId: slackApp.id, redirectUrls: [`${base}/slack/oauth_redirect`] });
    const install = await fetch(`${base}/slack/install`, { redirect: "manual" });
    expect(install.status).toBe(302);
    const consent = await fetch(`${install.headers.get("location")}&_emulator_user=${owner.id}`, {
      redirect: "manual",
    });
    const done = await fetch(consent.headers.get("location") ?? "", { redirect: "manual" });
    expect(done.status).not.toBe(200);
    expect(errors.join("\n")).toContain("InvalidStateError");
    expect(store.workspaceInstalls.size).toBe(0);
    expect(emulator.control.calls({ method: "oauth.v2.access" })).toHaveLength(0);
  });
});
