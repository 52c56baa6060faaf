import type { GraphEmulator } from "@presence/graph-emulator";
import type { SlackEmulator } from "@presence/slack-emulator";

import type { Balancer } from "./balancer.ts";
import type { ChaosPerson } from "./mirrored-people.ts";
import type { Replica } from "./replica.ts";

/** What a fault can do to the running system. */
export interface FaultContext {
  slackReplicas: readonly Replica[];
  teamsReplicas: readonly Replica[];
  slack: SlackEmulator;
  graph: GraphEmulator;
  balancer: Balancer;
  /** People change their own state now and then while the fault lasts (steady load from both sides). */
  load(ms: number): Promise<void>;
  /** Stops and starts the Postgres server every process uses. */
  restartPostgres(): Promise<void>;
  /** A person whose Slack status the bridge writes (with their user token). */
  slackWrittenPerson(): ChaosPerson;
  /** Until the bridge has marked the person's link as needing re-authorisation (tokens_revoked seen). */
  revocationSeen(person: ChaosPerson): Promise<void>;
  /** The person connects their Slack account again, through the bridge's own OAuth pages. */
  reconnectSlack(person: ChaosPerson): Promise<void>;
  random(): number;
}

export interface Fault {
  name: string;
  /** Processes it kills with SIGKILL. */
  kills: number;
  /** Only when the Teams bridge reads Graph this way (subscriptions and notifications exist in notify mode). */
  readMode?: "notify";
  /** Applies the fault under load and ends it: convergence is timed from when this returns. */
  run(ctx: FaultContext): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(ctx: FaultContext, items: readonly T[]): T =>
  items[Math.floor(ctx.random() * items.length)] as T;

/** Kills `replica` at a random point within `withinMs` while people keep changing; starts it again. */
async function killDuringLoad(
  ctx: FaultContext,
  replicas: readonly Replica[],
  withinMs: number,
): Promise<void> {
  const load = ctx.load(withinMs + 1_500);
  for (const replica of replicas) {
    await sleep(ctx.random() * (withinMs / replicas.length));
    await replica.kill();
  }
  await load;
  for (const replica of replicas) replica.start();
  await Promise.all(replicas.map((replica) => replica.ready()));
}

/**
 * A fault that lasts `ms` under load: `begin` injects it, and afterwards both emulators' injected faults are
 * cleared and the balancer delivers normally again.
 */
function lasting(
  name: string,
  ms: number,
  begin: (ctx: FaultContext) => unknown,
  readMode?: "notify",
): Fault {
  return {
    name,
    kills: 0,
    ...(readMode ? { readMode } : {}),
    async run(ctx) {
      begin(ctx);
      await ctx.load(ms);
      ctx.graph.control.clearFaults();
      ctx.slack.control.clearFaults();
      ctx.balancer.notifications = "deliver";
    },
  };
}

/** Every fault once per cycle, in this order; 8 SIGKILLs per cycle. */
export const FAULTS: readonly Fault[] = [
  {
    name: "kill -9 one replica of each bridge at random points",
    kills: 2,
    run: (ctx) => killDuringLoad(ctx, [pick(ctx, ctx.slackReplicas), pick(ctx, ctx.teamsReplicas)], 3_000),
  },
  {
    name: "kill -9 both Slack bridge replicas (Slack events get 502 until one is back)",
    kills: 2,
    run: (ctx) => killDuringLoad(ctx, ctx.slackReplicas, 2_000),
  },
  {
    name: "kill -9 both Teams bridge replicas",
    kills: 2,
    run: (ctx) => killDuringLoad(ctx, ctx.teamsReplicas, 2_000),
  },
  {
    name: "kill -9 a replica, then again while it starts",
    kills: 2,
    async run(ctx) {
      const replica = pick(ctx, [...ctx.slackReplicas, ...ctx.teamsReplicas]);
      const load = ctx.load(4_000);
      await sleep(ctx.random() * 1_000);
      await replica.kill();
      replica.start();
      await sleep(300 + ctx.random() * 1_500);
      await replica.kill();
      await load;
      replica.start();
      await replica.ready();
    },
  },
  {
    name: "Postgres restarts under load",
    kills: 0,
    async run(ctx) {
      const load = ctx.load(4_000);
      await sleep(ctx.random() * 1_500);
      await ctx.restartPostgres();
      await load;
    },
  },
  lasting("Graph answers 503 to every request (storm)", 5_000, (ctx) =>
    ctx.graph.control.injectFault({ target: "graph", status: 503, retryAfterS: 1, count: 10_000 }),
  ),
  lasting("Graph answers 429 with Retry-After to presence reads and writes (storm)", 5_000, (ctx) =>
    ctx.graph.control.injectFault({ target: "presence", status: 429, retryAfterS: 2, count: 10_000 }),
  ),
  lasting("Entra's token endpoint fails (500) while tokens are cached", 4_000, (ctx) =>
    ctx.graph.control.injectFault({ target: "token", status: 500, count: 10_000 }),
  ),
  {
    name: "Graph deletes every presence subscription behind the bridge's back",
    kills: 0,
    readMode: "notify",
    async run(ctx) {
      const load = ctx.load(5_000);
      await sleep(ctx.random() * 1_000);
      for (const subscription of ctx.graph.control.subscriptions())
        ctx.graph.control.deleteSubscription(subscription.id);
      await load;
    },
  },
  lasting(
    "Graph's change notifications are lost on the way",
    5_000,
    (ctx) => (ctx.balancer.notifications = "lose"),
    "notify",
  ),
  lasting(
    "Graph's change notifications arrive twice",
    5_000,
    (ctx) => (ctx.balancer.notifications = "duplicate"),
    "notify",
  ),
  lasting("Slack Web API answers 503 (storm)", 5_000, (ctx) =>
    ctx.slack.control.injectFault({ target: "web-api", kind: "status", status: 503 }),
  ),
  lasting("Slack Web API answers 429 ratelimited with Retry-After (storm)", 5_000, (ctx) =>
    ctx.slack.control.injectFault({ target: "web-api", kind: "status", status: 429, retryAfterSeconds: 2 }),
  ),
  lasting("Slack drops half the Web API connections without an answer", 5_000, (ctx) =>
    ctx.slack.control.injectFault({ target: "web-api", kind: "drop", probability: 0.5 }),
  ),
  lasting("Slack delivers every event twice (replayed as a retry)", 5_000, (ctx) =>
    ctx.slack.control.injectFault({ target: "events", kind: "duplicate" }),
  ),
  lasting("Slack delivers events out of order", 5_000, (ctx) =>
    ctx.slack.control.injectFault({ target: "events", kind: "reorder" }),
  ),
  lasting("Slack delivers events 3 s late", 4_000, (ctx) =>
    ctx.slack.control.injectFault({ target: "events", kind: "delay", delayMs: 3_000 }),
  ),
  {
    name: "a person's Slack token is revoked mid-flight; they connect again",
    kills: 0,
    async run(ctx) {
      const person = ctx.slackWrittenPerson();
      const load = ctx.load(3_000);
      await sleep(ctx.random() * 1_000);
      const token = ctx.slack.control
        .calls({})
        .filter((call) => call.tokenKind === "user" && call.userId === person.slackId && call.status === 200)
        .at(-1)?.token;
      if (!token) throw new Error(`no user token of ${person.email} seen by the Slack emulator`);
      ctx.slack.control.revokeToken({ token });
      await ctx.revocationSeen(person);
      await load;
      await ctx.reconnectSlack(person);
    },
  },
];
