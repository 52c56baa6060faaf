// The fault suite (`pnpm chaos`, docs/runbooks/chaos.md): two replicas of each bridge as separate
// processes on a fresh database of the real Postgres, behind a load balancer, both emulators in this
// process, people changing their state on one side each; then, fault after fault, every mirrored state
// must be right again within CHAOS_CONVERGE_SECONDS. Prints what was injected and checked; exits 1 on
// any wrong state.
import { execSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

import { effectivePolicy } from "@presence/core";
import { getActiveRules, getSettings, parseKeyRing, updateSettings } from "@presence/db";
import { seededRandom } from "@presence/core/testing";
import { trustingFetch } from "@presence/graph-emulator/testing";
import { createTestDatabase } from "@presence/db/testing";
import { freePort } from "@presence/runtime/testing";
import { issueConnectLink } from "@presence/services";
import { completeSlackOAuth } from "@presence/slack-bridge";
import { createLogger } from "@presence/telemetry";

import { startDemo } from "../src/demo/start-demo.ts";
import { startBalancer } from "./balancer.ts";
import { loadChaosEnv } from "./chaos-env.ts";
import { FAULTS, type FaultContext } from "./faults.ts";
import { MirroredPeople, type ChaosPerson, type Mismatch, type Rules } from "./mirrored-people.ts";
import { Replica, replicaBaseEnv } from "./replica.ts";
import { printReport, type FaultResult } from "./report.ts";

const env = loadChaosEnv();
const restartCommand = env.CHAOS_PG_RESTART ?? defaultPostgresRestart();
const seed = env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31);
const random = seededRandom(seed);
const outDir = resolve(env.CHAOS_OUT_DIR);
mkdirSync(join(outDir, "logs"), { recursive: true });
const logger = createLogger({ service: "chaos", level: "warn" });
const startedAt = Date.now();

// The real server only: the embedded one cannot be restarted under the apps, and shares one session.
process.env.REQUIRE_POSTGRES = "1";
const t = await createTestDatabase();
// A person changing state every few seconds for minutes is what the flap breaker exists to stop; the
// suite's people are not flapping, they are the load. Everything else is at its default.
await updateSettings(t.db, { flapMaxWrites: 1_000 });

const people = Array.from({ length: env.CHAOS_PEOPLE }, (_, i) => ({
  nickname: `person${i + 1}`,
  displayName: `Person ${i + 1}`,
  email: `person${i + 1}@chaos.test`,
}));
const slots = await Promise.all([1, 2, 3, 4].map(() => freePort()));
const pools: { slack: Replica[]; teams: Replica[] } = { slack: [], teams: [] };
const balancer = await startBalancer(pools);
const demo = await startDemo({
  publicBaseUrl: balancer.url,
  port: 0,
  logger,
  slack: true,
  graph: true,
  people,
});
const { slack: demoSlack, graph: demoGraph } = demo;
if (!demoSlack || !demoGraph) throw new Error("both emulators must run");
const caFile = join(outDir, "graph-emulator-ca.pem");
writeFileSync(caFile, demoGraph.ca);

const common = {
  ...replicaBaseEnv(t.url, balancer.url),
  LOG_LEVEL: "info",
  WORKER_CONCURRENCY: "10",
  ...demoSlack.env,
  ...Object.fromEntries(Object.entries(demoGraph.config).filter(([key]) => key !== "PUBLIC_BASE_URL")),
  GRAPH_CA_FILE: caFile,
  GRAPH_POLL_INTERVAL_SECONDS: "1",
  GRAPH_READ_MODE: env.CHAOS_GRAPH_READ_MODE,
  // Notify mode: a deleted subscription is found within 10 s; missed notifications by the 30 s reconciliation.
  GRAPH_SUBSCRIPTION_CHECK_INTERVAL_SECONDS: "10",
};
for (const [index, port] of slots.entries()) {
  const app = index < 2 ? "slack-bridge" : "teams-bridge";
  const portVariable = app === "slack-bridge" ? "SLACK_BRIDGE_PORT" : "TEAMS_BRIDGE_PORT";
  const hostVariable = app === "slack-bridge" ? "SLACK_BRIDGE_HOST" : "TEAMS_BRIDGE_HOST";
  const replica = new Replica(
    app,
    index % 2,
    port,
    { ...common, [portVariable]: String(port), [hostVariable]: "127.0.0.1" },
    join(outDir, "logs", `${app}-${(index % 2) + 1}.log`),
  );
  (app === "slack-bridge" ? pools.slack : pools.teams).push(replica);
}
const replicas = [...pools.slack, ...pools.teams];
for (const replica of replicas) replica.start();
await Promise.all(replicas.map((replica) => replica.ready()));
await demo.attach(balancer.url, t.db, logger);
if (env.CHAOS_GRAPH_READ_MODE === "notify") await signInServiceAccount(demoGraph.serviceAccount.id);

const teamId = (await t.db.slackWorkspace.findFirstOrThrow()).teamId;
const chaosPeople: ChaosPerson[] = people.map((p, i) => {
  const slackPerson = demoSlack.people.find((s) => s.email === p.email);
  const teamsPerson = demoGraph.people.find((g) => g.mail === p.email);
  if (!slackPerson || !teamsPerson) throw new Error(`${p.email} is missing from an emulator`);
  return {
    email: p.email,
    slackId: slackPerson.id,
    teamsId: teamsPerson.id,
    source: i % 2 === 0 ? "teams" : "slack",
  };
});
for (const person of chaosPeople) {
  const link = await t.db.link.findFirst({ where: { slackTeamId: teamId, slackUserId: person.slackId } });
  if (!link) throw new Error(`${person.email} was not linked`);
}
const mirrored = new MirroredPeople(
  chaosPeople,
  demoSlack.emulator,
  demoGraph.emulator,
  demoGraph.config.AZURE_CLIENT_ID ?? "",
  random,
);

const rules = async (): Promise<Rules> => {
  const settings = await getSettings(t.db);
  return { rules: (await getActiveRules(t.db)).rules, settings, policy: effectivePolicy(settings, {}) };
};

let statesChecked = 0;
/** Until every mirrored state is right (or the deadline passes): how long it took, and what stayed wrong. */
async function converge(deadlineMs: number): Promise<{ ms: number; wrong: Mismatch[] }> {
  const from = Date.now();
  let wrong: Mismatch[] = [];
  while (Date.now() - from <= deadlineMs) {
    wrong = mirrored.mismatches(await rules().catch(() => rules()));
    if (wrong.length === 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  statesChecked += chaosPeople.length;
  return { ms: Date.now() - from, wrong };
}

const context: FaultContext = {
  slackReplicas: pools.slack,
  teamsReplicas: pools.teams,
  slack: demoSlack.emulator,
  graph: demoGraph.emulator,
  balancer,
  random,
  async load(ms) {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      mirrored.changeSomeone();
      await new Promise((r) => setTimeout(r, 300 + random() * 900));
    }
  },
  async restartPostgres() {
    if (restartCommand === "skip") return;
    execSync(restartCommand, { stdio: "inherit" });
  },
  slackWrittenPerson: () => {
    const candidates = chaosPeople.filter((p) => p.source === "teams");
    return candidates[Math.floor(random() * candidates.length)] as ChaosPerson;
  },
  async revocationSeen(person) {
    for (let i = 0; i < 100; i++) {
      const link = await t.db.link.findFirst({ where: { slackTeamId: teamId, slackUserId: person.slackId } });
      if (link?.status === "needs_reauth") return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(
      `the bridge did not mark ${person.email} as needing re-authorisation after tokens_revoked`,
    );
  },
  async reconnectSlack(person) {
    const answer = await completeSlackOAuth(`${balancer.url}/slack/connect`, person.slackId);
    if (answer.status !== 200) throw new Error(`reconnecting ${person.email} failed (${answer.status})`);
  },
};

console.log(
  `chaos: seed ${seed}, ${chaosPeople.length} people, ${env.CHAOS_CYCLES} cycle(s) of ${FAULTS.length} faults, ` +
    `Graph read by ${env.CHAOS_GRAPH_READ_MODE}, 2 + 2 bridge replicas, database ${new URL(t.url).pathname.slice(1)}, logs in ${outDir}/logs`,
);
const baseline = await converge(env.CHAOS_CONVERGE_SECONDS * 1000);
if (baseline.wrong.length > 0)
  throw new Error(`not in sync before any fault: ${JSON.stringify(baseline.wrong)}`);

const results: FaultResult[] = [];
const deadline = env.CHAOS_CONVERGE_SECONDS * 1000;
for (let cycle = 1; cycle <= env.CHAOS_CYCLES; cycle++) {
  for (const fault of FAULTS) {
    if (fault.name.startsWith("Postgres") && restartCommand === "skip") continue;
    if (fault.readMode && fault.readMode !== env.CHAOS_GRAPH_READ_MODE) continue;
    if (env.CHAOS_ONLY && !fault.name.toLowerCase().includes(env.CHAOS_ONLY.toLowerCase())) continue;
    const began = Date.now();
    await fault.run(context);
    const settled = await converge(deadline);
    // Still right a moment later: nothing flips back, no late write of an older state.
    await new Promise((r) => setTimeout(r, 1_500));
    const later = settled.wrong.length === 0 ? await converge(0) : settled;
    const wrong = later.wrong.length > 0 ? later.wrong : settled.wrong;
    results.push({
      cycle,
      fault: fault.name,
      kills: fault.kills,
      faultMs: Date.now() - began,
      convergeMs: settled.ms,
      wrong,
    });
    console.log(
      `  ${wrong.length === 0 ? "ok  " : "FAIL"} [${cycle}] ${fault.name}: converged in ${(settled.ms / 1000).toFixed(1)} s` +
        (wrong.length > 0 ? `\n       ${wrong.map((w) => `${w.email}: ${w.what}`).join("\n       ")}` : ""),
    );
    // A failure is reported, then the run waits for the system to catch up so the next fault starts clean.
    if (wrong.length > 0) await converge(deadline);
  }
}

const slackWrites = demoSlack.emulator.control.calls({ method: "users.profile.set" }).length;
const graphWrites = demoGraph.emulator.control
  .requests()
  .filter((r) => r.method === "POST" && r.path.endsWith("/presence/setPresence")).length;
const report = printReport({
  seed,
  people: chaosPeople.length,
  results,
  statesChecked,
  sourceChanges: mirrored.changes,
  writes: { slackStatus: slackWrites, teamsSession: graphWrites },
  unexpectedExits: Object.fromEntries(replicas.map((r) => [r.name, r.unexpectedExits])),
  postgresRestarts: restartCommand === "skip" ? "skipped (CHAOS_PG_RESTART=skip)" : undefined,
  durationMs: Date.now() - startedAt,
});
writeFileSync(join(outDir, "chaos-report.json"), `${JSON.stringify(report, null, 2)}\n`);

await Promise.all(replicas.map((replica) => replica.stop()));
await demo.close();
await balancer.close();
await t.drop();
process.exit(report.statesWrong === 0 ? 0 : 1);

/**
 * Notify mode reads presence through subscriptions made with a service account's delegated token: an
 * admin's link (what `presence graph add-account` prints), signed in through the emulated Microsoft page.
 */
async function signInServiceAccount(userId: string): Promise<void> {
  const keyRing = parseKeyRing(common.TOKEN_ENCRYPTION_KEY);
  const state = await issueConnectLink(t.db, keyRing, { connect: "microsoft-service-account" });
  const start = await fetch(
    `${balancer.url}/graph/service-accounts/connect?state=${encodeURIComponent(state)}`,
    {
      redirect: "manual",
    },
  );
  const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  demoGraph?.emulator.control.nextSignIn({ userId });
  const tls = trustingFetch(demoGraph?.ca ?? "");
  try {
    const answer = await tls.fetch(start.headers.get("location") ?? "", { redirect: "manual" });
    const done = await fetch(answer.headers.get("location") ?? "", { headers: { cookie } });
    if (done.status !== 200) throw new Error(`service account sign-in failed (${done.status})`);
  } finally {
    await tls.close();
  }
  for (let i = 0; i < 150 && (demoGraph?.emulator.control.subscriptions().length ?? 0) === 0; i++)
    await new Promise((r) => setTimeout(r, 200));
  if (demoGraph?.emulator.control.subscriptions().length === 0)
    throw new Error("notify mode: the Teams bridge made no presence subscription within 30 s");
}

/** pg_ctlcluster on Debian's Postgres (what CI and the development machines run). */
function defaultPostgresRestart(): string {
  try {
    const version = execSync("ls /etc/postgresql", { encoding: "utf8" }).trim().split("\n")[0];
    if (version) return `pg_ctlcluster --skip-systemctl-redirect ${version} main restart`;
  } catch {
    // No Debian cluster: the variable must say how.
  }
  throw new Error(
    "CHAOS_PG_RESTART: no Debian Postgres cluster found; set it to a command that restarts your Postgres (or to skip)",
  );
}
