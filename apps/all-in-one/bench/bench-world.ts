// The benchmark's world: a fresh database on the real Postgres, both emulators in this process (rate
// limits lifted), the Slack and Teams bridges as separate processes behind the load balancer, and
// BENCH_PEOPLE people connected and linked.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { BOT_EVENTS, USER_EVENTS, USER_SCOPES } from "@presence/core";
import {
  createBulkLinkRun,
  createDbClient,
  createLinksInBulk,
  parseKeyRing,
  updateSettings,
} from "@presence/db";
import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import { BRIDGE_NODE_FLAGS } from "@presence/runtime";
import { freePort } from "@presence/runtime/testing";
import { completeSlackOAuth, PostgresInstallationStore } from "@presence/slack-bridge";
import { startSlackEmulator, type SlackEmulator, type User } from "@presence/slack-emulator";
import { startGraphDemo, type GraphDemo } from "@presence/teams-bridge";

import { startBalancer, type Balancer } from "../chaos/balancer.ts";
import { Replica, replicaBaseEnv, type BridgeApp } from "../chaos/replica.ts";

export interface BenchPerson {
  index: number;
  slackId: string;
  /** Lower-case, as the bridge and Graph's request paths name it. */
  teamsId: string;
}

export interface BenchWorld {
  t: TestDatabase;
  slack: SlackEmulator;
  graph: GraphDemo;
  people: BenchPerson[];
  pools: { slack: Replica[]; teams: Replica[] };
  /** Runs `count` processes of each bridge (starting or stopping some), ready when it returns. */
  scaleTo(count: number): Promise<void>;
  /**
   * Stops every bridge process and starts `count` (default: as many as ran) of each again with
   * `change` added to their environment.
   */
  restartWith(change: Record<string, string>, count?: number): Promise<void>;
  /** Until no sync job (observe, write, reconsider, read) is waiting or running. */
  idle(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** Jobs that carry changes; the apps' recurring duties (polls, sweeps) are always pending and do not count. */
const SYNC_TASKS = [
  "observe",
  "write_slack",
  "write_teams",
  "reconsider",
  "slack_read_person",
  "teams_fetch",
];

export async function startBenchWorld(options: {
  people: number;
  workerConcurrency: number;
  pollSeconds: number;
  outDir: string;
  cpuProfile: boolean;
  nodeOptions: string;
  /**
   * The Slack emulator's Web API limits, switched off until `slack.control.setRateLimits({enabled:
   * true})` (default: none).
   */
  slackRateLimits?: { windowMs: number; multiplier: number; overrides: Record<string, number> };
}): Promise<BenchWorld> {
  process.env.REQUIRE_POSTGRES = "1";
  const t = await createTestDatabase();
  // People changing state for minutes are the load, not flapping.
  await updateSettings(t.db, { flapMaxWrites: 1_000 });
  const pools: BenchWorld["pools"] = { slack: [], teams: [] };
  const balancer: Balancer = await startBalancer(pools);

  const slack = await startSlackEmulator({
    rateLimits: { ...options.slackRateLimits, enabled: false },
    delivery: { eventsPerWindow: 100_000_000 },
  });
  const { control } = slack;
  const workspace = control.createWorkspace({ name: "Bench", plan: "paid", profileSource: "api" });
  const directory = Array.from({ length: options.people }, (_, i) => ({
    nickname: `person${i}`,
    displayName: `Person ${i}`,
    email: `person${i}@bench.test`,
  }));
  const slackUsers: User[] = directory.map((p, i) =>
    control.createUser({
      teamId: workspace.id,
      name: p.nickname,
      realName: p.displayName,
      role: i === 0 ? "owner" : "member",
      email: p.email,
    }),
  );
  const { app } = control.createApp({
    name: "Presence Bridge (bench)",
    botEvents: BOT_EVENTS,
    userEvents: USER_EVENTS,
    redirectUrls: [`${balancer.url}/slack/oauth_redirect`],
  });
  const graph = await startGraphDemo({ publicBaseUrl: balancer.url, people: directory });
  const caFile = join(options.outDir, "graph-emulator-ca.pem");
  writeFileSync(caFile, graph.ca);

  let env: Record<string, string> = {
    ...replicaBaseEnv(t.url, balancer.url),
    LOG_LEVEL: "warn",
    WORKER_CONCURRENCY: String(options.workerConcurrency),
    SLACK_CLIENT_ID: app.clientId,
    SLACK_CLIENT_SECRET: app.clientSecret,
    SLACK_SIGNING_SECRET: app.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    SLACK_AUTHORIZE_URL: slack.authorizeUrl,
    // Limits lifted: the bridge's own budgets as well as the emulators'.
    SLACK_RATE_LIMIT_SCALE: "10000",
    ...Object.fromEntries(Object.entries(graph.config).filter(([key]) => key !== "PUBLIC_BASE_URL")),
    GRAPH_CA_FILE: caFile,
    GRAPH_READ_MODE: "poll",
    GRAPH_POLL_INTERVAL_SECONDS: String(options.pollSeconds),
    // Presence only: calendars are empty here, and a directory re-sync would be noise.
    OUTLOOK_READ_INTERVAL_MINUTES: "0",
    GRAPH_DIRECTORY_SYNC_MINUTES: "0",
    ...(options.nodeOptions ? { NODE_OPTIONS: options.nodeOptions } : {}),
  };
  const started: Replica[] = [];
  let restarts = 0;
  async function scaleTo(count: number): Promise<void> {
    for (const app of ["slack-bridge", "teams-bridge"] as BridgeApp[]) {
      const pool = app === "slack-bridge" ? pools.slack : pools.teams;
      while (pool.length > count) await pool.pop()?.stop();
      while (pool.length < count) {
        const port = await freePort();
        const side = app === "slack-bridge" ? "SLACK" : "TEAMS";
        const replica = new Replica(
          app,
          pool.length,
          port,
          { ...env, [`${side}_BRIDGE_PORT`]: String(port), [`${side}_BRIDGE_HOST`]: "127.0.0.1" },
          join(options.outDir, "logs", `${app}-${pool.length + 1}${restarts ? `.${restarts}` : ""}.log`),
          {
            compiled: true,
            // As docker-compose.yml runs a bridge.
            nodeArgs: [
              ...BRIDGE_NODE_FLAGS,
              ...(options.cpuProfile
                ? ["--cpu-prof", `--cpu-prof-dir=${join(options.outDir, "profiles")}`]
                : []),
            ],
          },
        );
        replica.start();
        started.push(replica);
        pool.push(replica);
      }
    }
    await Promise.all([...pools.slack, ...pools.teams].map((replica) => replica.ready()));
  }
  await scaleTo(1);

  // Onboarding: the owner installs the app through the bridge's OAuth pages; everyone else's connect
  // is stored as the OAuth connect flow would store it (10,000 browser round trips would only add minutes).
  const verified = await control.setRequestUrl({ appId: app.id, url: `${balancer.url}/slack/events` });
  if (!verified.verified)
    throw new Error(`the Slack emulator could not verify the bridge: ${verified.problem}`);
  const [owner] = slackUsers;
  if (!owner) throw new Error("no people");
  const installed = await completeSlackOAuth(`${balancer.url}/slack/install`, owner.id);
  if (installed.status !== 200) throw new Error(`install failed (${installed.status})`);
  // A wider pool than the test client's, for onboarding only.
  const onboarding = createDbClient({ url: t.url, poolSize: 20 });
  const store = new PostgresInstallationStore(onboarding, parseKeyRing(env.TOKEN_ENCRYPTION_KEY ?? ""));
  const tenantId = graph.config.AZURE_TENANT_ID ?? "";
  const people: BenchPerson[] = slackUsers.map((user, index) => ({
    index,
    slackId: user.id,
    teamsId: (graph.people[index]?.id ?? "").toLowerCase(),
  }));
  // As many at once as the pool has connections (a transaction waits at most 2 s for one).
  for (let from = 1; from < slackUsers.length; from += 20) {
    await Promise.all(
      slackUsers.slice(from, from + 20).map(async (user) => {
        const grant = control.authorizeUser({ appId: app.id, userId: user.id, userScopes: USER_SCOPES });
        await store.storeInstallation({
          team: { id: workspace.id, name: "Bench" },
          enterprise: undefined,
          isEnterpriseInstall: false,
          authVersion: "v2",
          appId: app.id,
          user: { id: user.id, token: grant.token, scopes: grant.scopes },
        });
      }),
    );
  }
  // Linked by e-mail as an admin's automatic linking does it (one statement per thousand people).
  const run = await createBulkLinkRun(
    onboarding,
    directory.map((p) => p.email),
    "bench",
  );
  for (let from = 0; from < people.length; from += 1_000) {
    const inputs = people.slice(from, from + 1_000).map((person) => ({
      slackTeamId: workspace.id,
      slackUserId: person.slackId,
      tenantId,
      entraUserId: person.teamsId,
      email: directory[person.index]?.email ?? "",
      displayName: directory[person.index]?.displayName ?? "",
    }));
    await createLinksInBulk(onboarding, inputs, run.id);
  }
  await onboarding.$disconnect();
  // Nobody has a Slack status yet: the baseline the bridge's first read would take.
  await t.db.$executeRaw`
    UPDATE "LinkSide" SET "observedAt" = now(),
      "view" = '{"status":{"text":"","emoji":"","expiresAt":null},"huddle":{"inHuddle":false},"dnd":{"snoozed":false,"until":null}}'
    WHERE "side" = 'slack'`;

  async function idle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quietSince: number | null = null;
    while (Date.now() < deadline) {
      const [row] = await t.db.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM graphile_worker.jobs
        WHERE attempts < max_attempts AND task_identifier = ANY(${SYNC_TASKS}::text[])
          AND run_at <= now() + interval '1 second'`;
      if (Number(row?.n ?? 0) === 0) {
        quietSince ??= Date.now();
        if (Date.now() - quietSince >= 2_000) return;
      } else quietSince = null;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the bridges did not go idle within ${timeoutMs / 1000} s`);
  }

  return {
    t,
    slack,
    graph,
    people,
    pools,
    scaleTo,
    async restartWith(change, count = pools.slack.length) {
      await scaleTo(0);
      env = { ...env, ...change };
      restarts += 1;
      await scaleTo(count);
    },
    idle,
    async close() {
      await Promise.all(started.map((replica) => replica.stop()));
      await slack.close();
      await graph.close();
      await balancer.close();
      await t.drop();
    },
  };
}
