import { generateEncryptionKey, parseKeyRing, type DbClient } from "@presence/db";
import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import { startGraphEmulator, type GraphEmulator, type UserView } from "@presence/graph-emulator";
import { runApps, type RunningApps, type Runtime } from "@presence/runtime";
import { freePort } from "@presence/runtime/testing";
import { startSlackEmulator, type SlackEmulator } from "@presence/slack-emulator";
import { createLogger, createMetrics } from "@presence/telemetry";

import type { AdminConfig } from "../admin-settings.ts";
import { createAdmin } from "../create-admin.ts";
import { CookieClient } from "./cookie-client.ts";

export const API_TOKEN = "an-admin-token-of-at-least-24-chars";

export interface AdminWorld {
  t: TestDatabase;
  db: DbClient;
  url: string;
  running: RunningApps;
  graph: GraphEmulator;
  slack: SlackEmulator;
  tenantId: string;
  /** In the "Bridge admins" group (the allow-list admits the group). */
  admin: UserView;
  /** An employee: may sign in, is not an admin. */
  employee: UserView;
  adminGroupId: string;
  slackTeamId: string;
  slackUser: { id: string; email: string };
  /** A client that sends the bearer token. */
  token: CookieClient;
  /** A new cookie-keeping client (one browser). */
  browser(): CookieClient;
  /** Signs a browser in with Microsoft as `user` (through the Entra emulator, with real msal). */
  signInWithMicrosoft(user: UserView, browser?: CookieClient): Promise<CookieClient>;
  stop(): Promise<void>;
}

/**
 * The admin app alone, as deployed: real Postgres (a test database), the Graph/Entra emulator for
 * Microsoft sign-in and the Slack emulator for Sign in with Slack, the pipeline worker running its
 * jobs. Nothing is faked: sign-in goes through msal-node and the emulators over real sockets.
 */
export async function startAdminWorld(
  options: { demo?: boolean; config?: Partial<AdminConfig> } = {},
): Promise<AdminWorld> {
  const t = await createTestDatabase();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const graph = await startGraphEmulator({ hostnames: ["localhost"] });
  const g = graph.control;
  const tenant = g.createTenant({ displayName: "Contoso", domain: "contoso.test" });
  const admin = g.createUser({
    tenantId: tenant.id,
    displayName: "Ida Admin",
    userPrincipalName: "ida@contoso.test",
    mail: "ida@contoso.test",
  });
  const employee = g.createUser({
    tenantId: tenant.id,
    displayName: "Eve Employee",
    userPrincipalName: "eve@contoso.test",
    mail: "eve@contoso.test",
  });
  const group = g.createGroup({ tenantId: tenant.id, displayName: "Bridge admins", memberIds: [admin.id] });
  const app = g.createApp({
    tenantId: tenant.id,
    displayName: "Presence bridge",
    clientSecret: "entra-app-secret",
    redirectUris: [`${url}/auth/microsoft/callback`],
    groupMembershipClaims: "SecurityGroup",
    applicationPermissions: ["User.Read.All"],
    // msal-node always asks for offline_access with the OpenID scopes: the app must have it consented.
    delegatedScopes: ["User.Read", "offline_access"],
  });

  const slack = await startSlackEmulator();
  const s = slack.control;
  const workspace = s.createWorkspace({ name: "Contoso", domain: "contoso", plan: "paid" });
  const slackPerson = s.createUser({
    teamId: workspace.id,
    name: "sam",
    realName: "Sam Slack",
    email: "sam@contoso.test",
  });
  const { app: slackApp } = s.createApp({
    name: "Presence bridge",
    redirectUrls: [`${url}/auth/slack/callback`],
  });

  const runtime: Runtime = {
    service: "admin-test",
    db: t.db,
    databaseUrl: t.url,
    embedded: t.embedded,
    keyRing: parseKeyRing(generateEncryptionKey()),
    logger: createLogger({ service: "admin-test", level: "silent" }),
    metrics: createMetrics("admin-test"),
    now: () => Date.now(),
    stop: async () => undefined,
  };
  await t.db.slackWorkspace.create({ data: { teamId: workspace.id, name: "Contoso" } });
  const module = await createAdmin(runtime, {
    config: {
      ADMIN_API_TOKEN: API_TOKEN,
      ADMIN_ALLOWED_HOSTS: [],
      ADMIN_TRUSTED_PROXIES: [],
      ADMIN_SESSION_HOURS: 12,
      ADMIN_SESSION_IDLE_MINUTES: 120,
      AZURE_TENANT_ID: tenant.id,
      AZURE_CLIENT_ID: app.clientId,
      AZURE_CLIENT_SECRET: "entra-app-secret",
      AZURE_AUTHORITY_HOST: graph.url,
      SLACK_CLIENT_ID: slackApp.clientId,
      SLACK_CLIENT_SECRET: slackApp.clientSecret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_AUTHORIZE_URL: slack.authorizeUrl,
      ...options.config,
    },
    ownUrl: url,
    demo: options.demo ?? false,
    entraCa: graph.ca,
  });
  const running = await runApps(runtime, [module], {
    host: "127.0.0.1",
    port,
    workerConcurrency: 4,
    pollIntervalMs: 200,
    heartbeatMs: 1000,
  });
  const token = new CookieClient(url);
  const authorization = { authorization: `Bearer ${API_TOKEN}` };
  const tokenRequest = token.request.bind(token);
  token.request = (method, path, opts = {}) =>
    tokenRequest(method, path, { ...opts, headers: { ...authorization, ...opts.headers } });
  await tokenRequest("POST", "/api/admins", {
    body: { kind: "entra_group", value: group.id, note: "test admins" },
    headers: authorization,
  });

  const world: AdminWorld = {
    t,
    db: t.db,
    url,
    running,
    graph,
    slack,
    tenantId: tenant.id,
    admin,
    employee,
    adminGroupId: group.id,
    slackTeamId: workspace.id,
    slackUser: { id: slackPerson.id, email: "sam@contoso.test" },
    token,
    browser: () => new CookieClient(url, graph.ca),
    async signInWithMicrosoft(user, browser = world.browser()) {
      const start = await browser.request(
        "GET",
        `/auth/microsoft?next=/people&login_hint=${encodeURIComponent(user.userPrincipalName)}`,
      );
      if (start.status !== 302) throw new Error(`sign-in did not start: ${start.status} ${start.text}`);
      const back = await browser.follow(start.headers.get("location") ?? "");
      if (!back.url.startsWith(url))
        throw new Error(`sign-in ended at ${back.url}: ${back.status} ${back.text.slice(0, 200)}`);
      const session = await browser.request("GET", "/api/session");
      browser.csrfToken = (session.json.csrfToken as string | null) ?? null;
      return browser;
    },
    async stop() {
      await running.stop();
      await graph.close();
      await slack.close();
      await t.drop();
    },
  };
  return world;
}
