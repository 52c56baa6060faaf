// Test harness: the real Slack bridge module (Bolt, web-api, OAuth) served by the real runtime
// (express + graphile-worker pipeline) on a fresh Postgres database, against the Slack emulator.

import { BOT_EVENTS, USER_EVENTS, type TeamsView, type WriteOp } from "@presence/core";
import { createLink, generateEncryptionKey, parseKeyRing, type Link } from "@presence/db";
import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import { enqueueObservation, type SideWriter } from "@presence/pipeline";
import { waitForIdle } from "@presence/pipeline/testing";
import { runApps, type AppModule, type RunningApps, type Runtime } from "@presence/runtime";
import { freePort, serveRouter } from "@presence/runtime/testing";
import {
  startSlackEmulator,
  type App as EmulatedApp,
  type DeliveryRecord,
  type SlackEmulator,
  type SlackEmulatorOptions,
  type User,
  type Workspace,
} from "@presence/slack-emulator";
import { createLogger, createMetrics } from "@presence/telemetry";
import express from "express";
import pg from "pg";

import { createSlackBridge, type SlackBridgeModule } from "../create-slack-bridge.ts";
import { completeSlackOAuth } from "../demo/oauth-browser.ts";
import { ZSlackBridgeConfig } from "../env.ts";
import { enqueueReadPerson } from "../jobs/read-person.ts";

export const TENANT = "11111111-1111-4111-8111-111111111111";

export interface HarnessOptions {
  emulator?: SlackEmulatorOptions;
  /** Extra bridge settings, as environment variables (SLACK_ADMIN_TOKEN_MODE, SLACK_RATE_LIMIT_*, …). */
  env?: Record<string, string>;
  socketMode?: boolean;
  tokenRotation?: boolean;
  /** People besides the owner (ada): names. */
  people?: string[];
  workerConcurrency?: number;
  /** The workspace (plan, profile source, enterprise). */
  workspace?: Parameters<SlackEmulator["control"]["createWorkspace"]>[0];
  logLevel?: string;
  /** false: only the bridge's routes are served, and no job runs (observe jobs stay queued). */
  pipeline?: boolean;
}

export interface Harness {
  slack: SlackEmulator;
  app: EmulatedApp;
  workspace: Workspace;
  /** ada (owner, installs the app) first, then the other people. */
  people: User[];
  t: TestDatabase;
  runtime: Runtime;
  module: SlackBridgeModule;
  running: Pick<RunningApps, "stop">;
  url: string;
  /** Teams writes the pipeline decided (a recording Teams writer). */
  teamsWrites: { linkId: string; op: WriteOp }[];
  install(): Promise<void>;
  /** A person connects their Slack account through /slack/connect (query: e.g. "?state=…"). */
  connect(userId: string, query?: string): Promise<{ status: number; body: string }>;
  link(user: User): Promise<Link>;
  teamsChange(link: Link, view: TeamsView): Promise<void>;
  /** Person `index` (0 = ada, the owner). */
  person(index: number): User;
  /**
   * Person `index` linked, connected first unless `connect` is false, with the baseline of their Slack
   * state read (what the once-a-minute sweep schedules for a new link).
   */
  linkedPerson(index: number, connect?: boolean): Promise<Link>;
  /** Event deliveries whose body mentions `text`. */
  deliveriesAbout(text: string, eventType?: string): DeliveryRecord[];
  idle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

let entraCounter = 0;
let teamsVersion = 0;

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const slack = await startSlackEmulator({
    delivery: { ackTimeoutMs: 2000, retryDelaysMs: [200, 400, 800] },
    ...options.emulator,
  });
  const { control } = slack;
  const workspace = control.createWorkspace({
    name: "Acme",
    plan: "paid",
    profileSource: "api",
    ...options.workspace,
  });
  const people = [
    control.createUser({ teamId: workspace.id, name: "ada", role: "owner", email: "ada@acme.test" }),
    ...(options.people ?? ["grace", "linus"]).map((name) =>
      control.createUser({ teamId: workspace.id, name, email: `${name}@acme.test` }),
    ),
  ];
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { app, appToken } = control.createApp({
    botEvents: BOT_EVENTS,
    userEvents: USER_EVENTS,
    redirectUrls: [`${url}/slack/oauth_redirect`],
    socketMode: options.socketMode ?? false,
    tokenRotation: options.tokenRotation ?? false,
  });
  const t = await createTestDatabase();
  const runtime: Runtime = {
    service: "slack-bridge-test",
    db: t.db,
    databaseUrl: t.url,
    embedded: t.embedded,
    keyRing: parseKeyRing(generateEncryptionKey()),
    logger: createLogger({ service: "slack-bridge-test", level: options.logLevel ?? "fatal" }),
    metrics: createMetrics("slack-bridge-test"),
    now: () => Date.now(),
    stop: async () => undefined,
  };
  const config = ZSlackBridgeConfig.parse({
    SLACK_CLIENT_ID: app.clientId,
    SLACK_CLIENT_SECRET: app.clientSecret,
    SLACK_SIGNING_SECRET: app.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    SLACK_AUTHORIZE_URL: slack.authorizeUrl,
    PUBLIC_BASE_URL: url,
    ...(options.socketMode ? { SLACK_APP_TOKEN: appToken } : {}),
    ...options.env,
  });
  const module = await createSlackBridge(runtime, config);
  const teamsWrites: Harness["teamsWrites"] = [];
  const running =
    options.pipeline === false
      ? await serveRouter(module.router, port)
      : await runApps(runtime, [module, recordingTeams(teamsWrites)], {
          host: "127.0.0.1",
          port,
          workerConcurrency: options.workerConcurrency ?? 10,
        });
  if (!options.socketMode) {
    const verified = await control.setRequestUrl({ appId: app.id, url: `${url}/slack/events` });
    if (!verified.verified) throw new Error(`url_verification failed: ${verified.problem}`);
  }
  const harness: Harness = {
    slack,
    app,
    workspace,
    people,
    t,
    runtime,
    module,
    running,
    url,
    teamsWrites,
    async install() {
      const owner = people[0];
      if (!owner) throw new Error("no owner");
      const done = await completeSlackOAuth(`${url}/slack/install`, owner.id);
      if (done.status !== 200) throw new Error(`install failed: ${done.status} ${done.body}`);
    },
    connect: (userId, query = "") => completeSlackOAuth(`${url}/slack/connect${query}`, userId),
    async link(user) {
      entraCounter += 1;
      return createLink(t.db, {
        slackTeamId: user.teamId,
        slackUserId: user.id,
        tenantId: TENANT,
        entraUserId: `22222222-2222-4222-8222-${String(entraCounter).padStart(12, "0")}`,
        email: user.email,
        displayName: user.name,
      });
    },
    async teamsChange(link, view) {
      await enqueueObservation(t.db, {
        subject: { side: "teams", tenantId: link.tenantId, userId: link.entraUserId },
        facets: view,
        version: String(++teamsVersion).padStart(12, "0"),
        observedAt: Date.now(),
        source: "test:teams",
      });
    },
    person(index) {
      const user = people[index];
      if (!user) throw new Error(`no person ${index}`);
      return user;
    },
    async linkedPerson(index, connect = true) {
      const user = harness.person(index);
      if (connect && index > 0) {
        const connected = await harness.connect(user.id);
        if (connected.status !== 200) throw new Error(`connect failed: ${connected.status}`);
      }
      const link = await harness.link(user);
      await enqueueReadPerson(t.db, {
        teamId: user.teamId,
        userId: user.id,
        facets: ["status", "dnd"],
        source: "slack:baseline",
      });
      await harness.idle();
      return link;
    },
    deliveriesAbout(text, eventType) {
      return slack.control
        .deliveries({ appId: app.id, ...(eventType ? { eventType } : {}) })
        .filter((d) => JSON.stringify(d.body).includes(text));
    },
    async idle(timeoutMs = 20_000) {
      await slack.control.idle();
      await waitForIdle(t.db, { timeoutMs });
      await slack.control.idle();
      await waitForIdle(t.db, { timeoutMs });
    },
    async stop() {
      await running.stop();
      await slack.close();
      await t.db.$disconnect();
      await quiesce(t.url);
      await t.drop();
    },
  };
  return harness;
}

/** A Teams writer that only records what the pipeline asked of it. */
function recordingTeams(writes: Harness["teamsWrites"]): AppModule {
  const writer: SideWriter = {
    side: "teams",
    async perform(link, op) {
      writes.push({ linkId: link.id, op });
    },
    heldUntil: () => null,
  };
  return {
    name: "recording-teams",
    router: express.Router(),
    writers: [writer],
    readiness: [],
    async start() {},
    async stop() {},
  };
}

/**
 * Waits until nothing else is connected to the test database: the worker's pool may still be closing
 * its connections, and dropping the database under them would make them fail noisily.
 */
async function quiesce(url: string, timeoutMs = 5000): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
      );
      if (Number(rows[0]?.n ?? 0) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}

/** Teams states used across tests. */
export const TEAMS = {
  meeting: {
    presence: { availability: "Busy", activity: "InAMeeting" },
    outOfOffice: { isOutOfOffice: false },
  },
  call: { presence: { availability: "Busy", activity: "InACall" }, outOfOffice: { isOutOfOffice: false } },
  presenting: {
    presence: { availability: "DoNotDisturb", activity: "Presenting" },
    outOfOffice: { isOutOfOffice: false },
  },
  available: {
    presence: { availability: "Available", activity: "Available" },
    outOfOffice: { isOutOfOffice: false },
  },
} satisfies Record<string, TeamsView>;

/** Polls until `check` passes (or throws its last failure). */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
