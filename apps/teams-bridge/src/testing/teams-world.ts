// Test harness: the real Teams bridge (msal-node and the Graph client over HTTPS) against the Graph
// emulator, on a fresh migrated Postgres database, with the pipeline running and a recording
// Slack-side writer. Test code only.
import { randomUUID } from "node:crypto";

import { parseEnv } from "@presence/config";
import type { SlackWriteOp, SlackView } from "@presence/core";
import { generateEncryptionKey, parseKeyRing, pgConfigFromUrl, withDatabase, type Link } from "@presence/db";
import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import {
  startGraphEmulator,
  type GraphEmulator,
  type GraphEmulatorOptions,
  type UserView,
} from "@presence/graph-emulator";
import { eventually } from "@presence/graph-emulator/testing";
import { enqueueObservation, type SideWriter } from "@presence/pipeline";
import { waitForIdle } from "@presence/pipeline/testing";
import { runApps, type AppModule, type Runtime } from "@presence/runtime";
import { freePort, serveRouter } from "@presence/runtime/testing";
export { freePort };
import { createLogger, createMetrics } from "@presence/telemetry";
import express from "express";
import pg from "pg";

import { createTeamsBridge, type TeamsBridge } from "../create-teams-bridge.ts";
import { ZTeamsBridgeConfig } from "../env.ts";
import { TEAMS_TASKS } from "../jobs/job-chains.ts";

export const TEST_CLIENT_SECRET = "teams-bridge-test-secret";
export const SLACK_TEAM = "T0TEAM";

/** Self-rescheduling jobs (always pending): waitForIdle leaves them out. */
export const CHAIN_TASKS = [
  TEAMS_TASKS.read,
  TEAMS_TASKS.subscriptions,
  TEAMS_TASKS.holds,
  TEAMS_TASKS.directory,
  TEAMS_TASKS.outlook,
  TEAMS_TASKS.supervise,
  "maintenance",
];

export interface WorldOptions {
  emulator?: GraphEmulatorOptions;
  /** People created in the tenant (and linked unless `link` is false). */
  people?: number;
  link?: boolean;
  /** GRAPH_* (and other) settings, as environment strings. */
  env?: Record<string, string>;
  /**
   * "full": the process as in production (HTTP server + pipeline worker with every task);
   * "http": only the bridge's routes are served (sign-in, webhooks) and jobs do not run — tests call
   * the parts directly; "none": nothing is served.
   */
  run?: "full" | "http" | "none";
  /** The app registration's application permissions (default: everything the bridge uses, Outlook included). */
  applicationPermissions?: string[];
}

export interface World {
  emulator: GraphEmulator;
  tenantId: string;
  clientId: string;
  people: UserView[];
  links: Link[];
  t: TestDatabase;
  runtime: Runtime;
  bridge: TeamsBridge;
  running: { stop(): Promise<void> } | null;
  /** The bridge's base URL (PUBLIC_BASE_URL). */
  url: string;
  /** Every Slack write the pipeline made. */
  slackWrites: SlackWriteOp[];
  idle(timeoutMs?: number): Promise<void>;
  /**
   * What the Slack bridge would report for a linked person: by default a cleared status, no huddle
   * and no snooze; `change` overrides facets (a status, a huddle …).
   */
  slackObservation(link: Link, change?: SlackView): Promise<void>;
  /** Waits until the bridge has read every linked person's Teams presence at least once. */
  teamsBaseline(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function testRuntime(t: TestDatabase): Runtime {
  return {
    service: "teams-bridge-test",
    db: t.db,
    databaseUrl: t.url,
    embedded: t.embedded,
    keyRing: parseKeyRing(generateEncryptionKey()),
    logger: createLogger({ service: "teams-bridge-test", level: "warn" }),
    metrics: createMetrics("teams-bridge-test"),
    now: () => Date.now(),
    stop: () => t.drop(),
  };
}

/** Links people in bulk (a link and its two side records each), Slack users U0000001… */
export async function linkPeople(
  t: TestDatabase,
  tenantId: string,
  people: readonly UserView[],
  offset = 0,
): Promise<Link[]> {
  const rows = people.map((person, i) => ({
    id: randomUUID(),
    slackTeamId: SLACK_TEAM,
    slackUserId: `U${String(offset + i + 1).padStart(7, "0")}`,
    tenantId,
    entraUserId: person.id.toLowerCase(),
    email: person.mail ?? null,
    displayName: person.displayName,
  }));
  await t.db.link.createMany({ data: rows });
  await t.db.linkSide.createMany({
    data: rows.flatMap((row) => [
      { linkId: row.id, side: "slack" as const },
      { linkId: row.id, side: "teams" as const },
    ]),
  });
  return t.db.link.findMany({
    where: { id: { in: rows.map((r) => r.id) } },
    orderBy: { slackUserId: "asc" },
  });
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const emulator = await startGraphEmulator(options.emulator ?? {});
  const tenant = emulator.control.createTenant({ displayName: "Contoso", domain: "contoso.onmicrosoft.com" });
  const app = emulator.control.createApp({
    tenantId: tenant.id,
    displayName: "Presence bridge",
    clientSecret: TEST_CLIENT_SECRET,
    redirectUris: [`${url}/graph/auth/callback`],
    applicationPermissions: options.applicationPermissions ?? [
      "Presence.ReadWrite.All",
      "User.Read.All",
      "Calendars.ReadBasic.All",
      "MailboxSettings.Read",
    ],
    delegatedScopes: ["Presence.Read.All", "User.Read", "offline_access"],
  });
  const people = Array.from({ length: options.people ?? 0 }, (_, i) =>
    emulator.control.createUser({
      tenantId: tenant.id,
      displayName: `Person ${i + 1}`,
      userPrincipalName: `person${i + 1}@contoso.com`,
      mail: `person${i + 1}@contoso.com`,
    }),
  );
  const t = await createTestDatabase();
  const runtime = testRuntime(t);
  const links = options.link === false ? [] : await linkPeople(t, tenant.id, people);
  const config = parseEnv(ZTeamsBridgeConfig, {
    AZURE_TENANT_ID: tenant.id,
    AZURE_CLIENT_ID: app.clientId,
    AZURE_CLIENT_SECRET: TEST_CLIENT_SECRET,
    AZURE_AUTHORITY_HOST: emulator.url,
    GRAPH_BASE_URL: emulator.url,
    PUBLIC_BASE_URL: url,
    GRAPH_DIRECTORY_SYNC_MINUTES: "0",
    // The Outlook spoke's chain is off unless a test turns it on (it would add requests to every test).
    OUTLOOK_READ_INTERVAL_MINUTES: "0",
    ...options.env,
  });
  const bridge = await createTeamsBridge(runtime, config, { ca: emulator.ca });
  const slackWrites: SlackWriteOp[] = [];
  const slackWriter: SideWriter = {
    side: "slack",
    async perform(_link, op) {
      slackWrites.push(op);
    },
    heldUntil: () => null,
  };
  const slackModule: AppModule = {
    name: "slack-recorder",
    router: express.Router(),
    writers: [slackWriter],
    readiness: [],
    start: async () => {},
    stop: async () => {},
  };
  const run = options.run ?? "full";
  let running: World["running"] = null;
  if (run === "full")
    running = await runApps(runtime, [bridge, slackModule], {
      host: "127.0.0.1",
      port,
      workerConcurrency: 8,
      pollIntervalMs: 100,
    });
  if (run === "http") running = await serveRouter(bridge.router, port);
  return {
    emulator,
    tenantId: tenant.id,
    clientId: app.clientId,
    people,
    links,
    t,
    runtime,
    bridge,
    running,
    url,
    slackWrites,
    idle: (timeoutMs = 20_000) => waitForIdle(t.db, { timeoutMs, ignoreTasks: CHAIN_TASKS }),
    async slackObservation(link, change = {}) {
      await enqueueObservation(t.db, {
        subject: { side: "slack", teamId: link.slackTeamId, userId: link.slackUserId },
        facets: {
          status: { text: "", emoji: "", expiresAt: null },
          huddle: { inHuddle: false },
          dnd: { snoozed: false, until: null },
          ...change,
        },
        version: "",
        observedAt: Date.now(),
        source: "test:slack",
      });
    },
    async teamsBaseline(timeoutMs = 10_000) {
      await eventually(async () => {
        const seen = await t.db.linkSide.count({ where: { side: "teams", observedAt: { not: null } } });
        if (seen < links.length) throw new Error(`${seen} of ${links.length} people read so far`);
      }, timeoutMs);
    },
    async close() {
      if (running) await running.stop();
      if (run !== "full") await bridge.stop();
      await emulator.close();
      await t.db.$disconnect();
      await connectionsClosed(t);
      await t.drop();
    },
  };
}

/**
 * graphile-worker's runner.stop() ends its pool without waiting: dropping the database (WITH FORCE)
 * while those connections close makes pg raise an error on a client nobody listens to. Waits until
 * no session is left on the test database.
 */
async function connectionsClosed(t: TestDatabase, timeoutMs = 5000): Promise<void> {
  if (t.embedded) return;
  const database = new URL(t.url).pathname.slice(1);
  const client = new pg.Client(pgConfigFromUrl(withDatabase(t.url, "postgres")));
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1",
        [decodeURIComponent(database)],
      );
      if (Number(rows[0]?.n ?? 0) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    await client.end();
  }
}
