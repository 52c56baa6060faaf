// Test harness for `presence doctor`: a real, working configuration — a migrated Postgres database,
// the Slack app installed through the Slack emulator's OAuth, the Entra app with admin consent and a
// signed-in notify-mode service account on the Graph emulator, and an https stand-in for the bridges
// answering the events and notification URLs. Test code only.
import { createServer, type Server } from "node:https";

import { BOT_EVENTS, BOT_SCOPES, USER_EVENTS, USER_SCOPES } from "@presence/core";
import {
  generateEncryptionKey,
  parseKeyRing,
  putCredential,
  slackOwner,
  type DbClient,
  type KeyRing,
} from "@presence/db";
import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import { startGraphEmulator, type GraphEmulator } from "@presence/graph-emulator";
import { msalFor, signIn, TEST_REDIRECT_URI } from "@presence/graph-emulator/testing";
import { startSlackEmulator, type SlackEmulator } from "@presence/slack-emulator";
import { WebClient } from "@slack/web-api";
import { generate } from "selfsigned";

export const AZURE_SECRET = "entra-app-secret-of-the-doctor-test";

export interface DoctorWorld {
  /** The environment of a correct deployment (notify mode, both sides). */
  env: Record<string, string>;
  /** Certificates to trust: the Graph emulator's and the stand-in's. */
  ca: string[];
  db: DbClient;
  ring: KeyRing;
  slack: SlackEmulator;
  graph: GraphEmulator;
  slackTeamId: string;
  slackAppId: string;
  clientId: string;
  /** Connects one more Slack person, granting `userScopes`, and stores the grant as the bridge does. */
  connectSlackPerson(name: string, userScopes: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export async function startDoctorWorld(): Promise<DoctorWorld> {
  const t: TestDatabase = await createTestDatabase();
  const key = generateEncryptionKey();
  const ring = parseKeyRing(key);
  const site = await startStandIn();

  const slack = await startSlackEmulator();
  const workspace = slack.control.createWorkspace({ name: "Contoso", domain: "contoso", plan: "paid" });
  const installer = slack.control.createUser({
    teamId: workspace.id,
    name: "ida",
    role: "owner",
    email: "ida@contoso.test",
  });
  const redirectUri = `${site.url}/slack/oauth_redirect`;
  const { app: slackApp } = slack.control.createApp({
    name: "Presence bridge",
    botEvents: BOT_EVENTS,
    userEvents: USER_EVENTS,
    redirectUrls: [redirectUri],
  });
  const oauth = { slack, clientId: slackApp.clientId, clientSecret: slackApp.clientSecret, redirectUri };
  await installSlackApp(t.db, ring, oauth, installer.id, BOT_SCOPES, USER_SCOPES);

  const graph = await startGraphEmulator();
  const tenant = graph.control.createTenant({ displayName: "Contoso", domain: "contoso.test" });
  const people = ["ada", "grace"].map((name) =>
    graph.control.createUser({
      tenantId: tenant.id,
      displayName: name,
      userPrincipalName: `${name}@contoso.test`,
      mail: `${name}@contoso.test`,
    }),
  );
  const entraApp = graph.control.createApp({
    tenantId: tenant.id,
    displayName: "Presence bridge",
    clientSecret: AZURE_SECRET,
    redirectUris: [TEST_REDIRECT_URI],
    applicationPermissions: [
      "Presence.ReadWrite.All",
      "User.Read.All",
      "Calendars.ReadBasic.All",
      "MailboxSettings.Read",
    ],
    delegatedScopes: ["Presence.Read.All", "User.Read", "offline_access"],
  });
  const serviceAccount = graph.control.createUser({
    tenantId: tenant.id,
    displayName: "Presence service 1",
    userPrincipalName: "presence-svc-1@contoso.test",
  });
  // Signed in as the bridge's add-account page does: authorization code, then msal's cache stored encrypted.
  const { cca } = msalFor(graph, tenant.id, entraApp.clientId, { clientSecret: AZURE_SECRET });
  const signedIn = await signIn(graph, cca, serviceAccount.userPrincipalName, [
    `${graph.url}/Presence.Read.All`,
  ]);
  await t.db.graphServiceAccount.create({
    data: {
      tenantId: tenant.id,
      userId: serviceAccount.id,
      userPrincipalName: serviceAccount.userPrincipalName,
      homeAccountId: signedIn.account.homeAccountId,
      userIds: people.map((p) => p.id),
    },
  });
  await putCredential(t.db, ring, {
    kind: "graph_token_cache",
    owner: `entra-service-account:${tenant.id}:${serviceAccount.id.toLowerCase()}`,
    secret: cca.getTokenCache().serialize(),
  });

  return {
    env: {
      DATABASE_URL: t.url,
      TOKEN_ENCRYPTION_KEY: key,
      PUBLIC_BASE_URL: site.url,
      SLACK_CLIENT_ID: slackApp.clientId,
      SLACK_CLIENT_SECRET: slackApp.clientSecret,
      SLACK_SIGNING_SECRET: slackApp.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_AUTHORIZE_URL: slack.authorizeUrl,
      AZURE_TENANT_ID: tenant.id,
      AZURE_CLIENT_ID: entraApp.clientId,
      AZURE_CLIENT_SECRET: AZURE_SECRET,
      AZURE_AUTHORITY_HOST: graph.url,
      GRAPH_BASE_URL: graph.url,
      GRAPH_READ_MODE: "notify",
    },
    ca: [graph.ca, site.cert],
    db: t.db,
    ring,
    slack,
    graph,
    slackTeamId: workspace.id,
    slackAppId: slackApp.id,
    clientId: entraApp.clientId,
    async connectSlackPerson(name, userScopes) {
      const person = slack.control.createUser({ teamId: workspace.id, name, email: `${name}@contoso.test` });
      await installSlackApp(t.db, ring, oauth, person.id, [], userScopes);
    },
    async close() {
      await site.close();
      await slack.close();
      await graph.close();
      await t.drop();
    },
  };
}

interface SlackOAuth {
  slack: SlackEmulator;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/**
 * OAuth v2 through the emulator (the consent page, then oauth.v2.access), stored as the Slack bridge's
 * installation store does: rows without tokens (a workspace's with the bot, a person's with their
 * grant), the tokens encrypted in Credential.
 */
async function installSlackApp(
  db: DbClient,
  ring: KeyRing,
  oauth: SlackOAuth,
  userId: string,
  botScopes: readonly string[],
  userScopes: readonly string[],
): Promise<void> {
  const authorize = new URL(oauth.slack.authorizeUrl);
  authorize.search = new URLSearchParams({
    client_id: oauth.clientId,
    scope: botScopes.join(","),
    user_scope: userScopes.join(","),
    redirect_uri: oauth.redirectUri,
    state: "doctor-test",
    _emulator_user: userId,
  }).toString();
  const consent = await fetch(authorize, { redirect: "manual" });
  const code = new URL(consent.headers.get("location") ?? "").searchParams.get("code");
  if (!code) throw new Error(`Slack install failed: ${consent.status} ${consent.headers.get("location")}`);
  const answer = await new WebClient(undefined, { slackApiUrl: oauth.slack.apiUrl }).oauth.v2.access({
    client_id: oauth.clientId,
    client_secret: oauth.clientSecret,
    code,
    redirect_uri: oauth.redirectUri,
  });
  const teamId = answer.team?.id ?? "";
  const team = { id: teamId, name: answer.team?.name ?? "" };
  const user = { id: answer.authed_user?.id ?? userId, scopes: (answer.authed_user?.scope ?? "").split(",") };
  const common = {
    team,
    tokenType: "bot",
    isEnterpriseInstall: false,
    appId: answer.app_id,
    authVersion: "v2",
  };
  if (answer.access_token) {
    await db.slackWorkspace.upsert({
      where: { teamId },
      create: { teamId, name: team.name },
      update: { name: team.name },
    });
    await db.slackInstallation.create({
      data: {
        teamId,
        userId: "",
        data: {
          ...common,
          user,
          bot: { userId: answer.bot_user_id, scopes: (answer.scope ?? "").split(",") },
        },
      },
    });
    await putCredential(db, ring, {
      kind: "slack_bot",
      owner: slackOwner(teamId),
      secret: answer.access_token,
    });
  }
  if (answer.authed_user?.access_token) {
    await db.slackInstallation.create({ data: { teamId, userId: user.id, data: { ...common, user } } });
    await putCredential(db, ring, {
      kind: "slack_user",
      owner: slackOwner(teamId, user.id),
      secret: answer.authed_user.access_token,
    });
  }
}

/**
 * The bridges behind a TLS proxy, as far as the doctor can tell: /slack/events refuses an unsigned
 * request with 401 (as Bolt's receiver does), /graph/notifications answers Graph's validation
 * handshake. Its certificate is self-signed for 127.0.0.1.
 */
async function startStandIn(): Promise<{ url: string; cert: string; close(): Promise<void> }> {
  const pems = await generate([{ name: "commonName", value: "presence-doctor stand-in" }], {
    keySize: 2048,
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] },
    ],
  });
  const server: Server = createServer({ cert: pems.cert, key: pems.private }, (req, res) => {
    const url = new URL(req.url ?? "/", "https://stand-in");
    req.resume();
    if (req.method === "POST" && url.pathname === "/slack/events") {
      res.writeHead(401, { "content-type": "text/plain" }).end("invalid signature");
      return;
    }
    const token = url.searchParams.get("validationToken");
    if (req.method === "POST" && url.pathname === "/graph/notifications" && token !== null) {
      res.writeHead(200, { "content-type": "text/plain" }).end(token);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the stand-in has no port");
  return {
    url: `https://127.0.0.1:${address.port}`,
    cert: pems.cert,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
