// Test harness: the real Teams bridge (msal-node and the Graph client over HTTPS) against the Graph
// emulator, on a fresh migrated Postgres database, with the pipeline running and a recording
// Slack-side writer. Test code only.
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";

import { parseEnv } from "@presence/config";
import type { SlackWriteOp, SlackView, WriteOp } from "@presence/core";
import { generateEncryptionKey, parseKeyRing, type Link } from "@presence/db";
import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import { startGraphEmulator, type GraphEmulator, type GraphEmulatorOptions, type UserView } from "@presence/graph-emulator";
import { enqueueObservation, type SideWriter } from "@presence/pipeline";
import { waitForIdle } from "@presence/pipeline/testing";
import { runApps, type AppModule, type RunningApps, type Runtime } from "@presence/runtime";
import { createLogger, createMetrics } from "@presence/telemetry";
import express from "express";

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
  /** Start the process (server + pipeline); false leaves only the parts for direct calls. */
  run?: boolean;
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
  running: RunningApps | null;
  /** The bridge's base URL (PUBLIC_BASE_URL). */
  url: string;
  /** Every Slack write the pipeline made. */
  slackWrites: SlackWriteOp[];
  idle(timeoutMs?: number): Promise<void>;
  /** What the Slack bridge would report for a linked person: a cleared status, no huddle, no snooze. */
  slackBaseline(link: Link, view?: SlackView): Promise<void>;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
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
export async function linkPeople(t: TestDatabase, tenantId: string, people: readonly UserView[], offset = 0): Promise<Link[]> {
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
  return t.db.link.findMany({ where: { id: { in: rows.map((r) => r.id) } }, orderBy: { slackUserId: "asc" } });
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
    applicationPermissions: ["Presence.ReadWrite.All", "User.Read.All"],
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
    ...options.env,
  });
  const bridge = await createTeamsBridge(runtime, config, { ca: emulator.ca });
  const slackWrites: SlackWriteOp[] = [];
  const slackWriter: SideWriter = {
    side: "slack",
    async perform(_link, op: WriteOp) {
      if (op.side === "slack") slackWrites.push(op);
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
  const running =
    options.run === false
      ? null
      : await runApps(runtime, [bridge, slackModule], {
          host: "127.0.0.1",
          port,
          workerConcurrency: 8,
          pollIntervalMs: 100,
        });
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
    async slackBaseline(link, view) {
      await enqueueObservation(t.db, {
        subject: { side: "slack", teamId: link.slackTeamId, userId: link.slackUserId },
        facets: view ?? {
          status: { text: "", emoji: "", expiresAt: null },
          huddle: { inHuddle: false },
          dnd: { snoozed: false, until: null },
        },
        version: "",
        observedAt: Date.now(),
        source: "test:slack",
      });
    },
    async close() {
      if (running) await running.stop();
      else await bridge.stop();
      await emulator.close();
      await t.drop();
    },
  };
}
