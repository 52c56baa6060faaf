import type { SideWriter } from "@presence/pipeline";
import type { AppModule, Runtime } from "@presence/runtime";
import express from "express";

import { signInRoutes } from "./connect/sign-in-routes.ts";
import type { TeamsBridgeConfig } from "./env.ts";
import { GraphAccess } from "./client/graph-access.ts";
import { createGraphMetrics } from "./client/graph-metrics.ts";
import { readChain, scheduleChain, subscriptionChain } from "./jobs/job-chains.ts";
import { superviseChains, teamsCron, teamsTasks } from "./jobs/teams-tasks.ts";
import { notificationRoutes } from "./inbound/notification-routes.ts";
import { SubscriptionManager } from "./inbound/subscription-manager.ts";
import { PresenceReader } from "./inbound/presence-reader.ts";
import { ScheduleReader } from "./outlook/schedule-reader.ts";
import { ensureTenant } from "./store/tenant-rows.ts";
import type { TeamsContext } from "./teams-context.ts";
import { resolveTeamsSettings, type TeamsSettings } from "./teams-settings.ts";
import { createTeamsWriter } from "./write/teams-writer.ts";

export interface TeamsBridgeOptions {
  /**
   * An extra CA certificate (PEM) to trust for Entra and Graph — the emulator's in tests and in the
   * demo. TLS verification is never turned off.
   */
  ca?: string;
}

/** The module, plus its parts (for the demo, the CLI and tests). */
export interface TeamsBridge extends AppModule {
  context: TeamsContext;
  settings: TeamsSettings;
  graph: GraphAccess;
  reader: PresenceReader;
  /** The Outlook spoke's reader (calendar free/busy, automatic replies). */
  schedules: ScheduleReader;
  subscriptions: SubscriptionManager;
  writer: SideWriter;
}

/**
 * The Teams bridge as a module of a process (its own, or the all-in-one). Its routes live under
 * /graph (notifications, lifecycle, Microsoft sign-in); it brings the Teams writer to the pipeline,
 * and its background work as graphile-worker tasks: the read chain (polls and reconciliation), the
 * subscription chain (notify mode), the presence fetch after notifications, the hold refresher and
 * the directory sync, kept running by a once-a-minute supervisor.
 */
export async function createTeamsBridge(
  runtime: Runtime,
  config: TeamsBridgeConfig,
  options: TeamsBridgeOptions = {},
): Promise<TeamsBridge> {
  const settings = resolveTeamsSettings(config);
  const logger = runtime.logger.child({ component: "teams-bridge" });
  const graph = new GraphAccess(settings, logger, createGraphMetrics(runtime.metrics.registry), options.ca);
  const db = runtime.db;
  const now = runtime.now;
  const context: TeamsContext = {
    db,
    ring: runtime.keyRing,
    logger,
    metrics: runtime.metrics,
    graph,
    settings,
    now,
    wake: (what, tenantId) =>
      scheduleChain(db, what === "read" ? readChain(tenantId) : subscriptionChain(tenantId), now()),
  };
  const reader = new PresenceReader(graph, db, logger, now);
  const schedules = new ScheduleReader(graph, db, logger, settings.timing.outlookLookAheadMs, now);
  const subscriptions = new SubscriptionManager(context);
  const writer = createTeamsWriter(graph, settings.timing);

  const router = express.Router();
  router.use(notificationRoutes({ db, logger, metrics: runtime.metrics, graphMetrics: graph.metrics, now }));
  router.use(
    signInRoutes({
      graph,
      db,
      ring: runtime.keyRing,
      logger,
      onServiceAccount: (tenantId) => context.wake("subscriptions", tenantId),
    }),
  );

  logger.info(
    { cloud: settings.cloud.name, graph: settings.graphBaseUrl, readMode: settings.defaultReadMode },
    "Teams bridge configured",
  );
  return {
    name: "teams-bridge",
    router,
    writers: [writer],
    readiness: [{ name: "microsoft-entra", check: async () => void (await graph.appToken()) }],
    tasks: teamsTasks({ ...context, reader, subscriptions, schedules }),
    cron: teamsCron(),
    context,
    settings,
    graph,
    reader,
    schedules,
    subscriptions,
    writer,
    async start() {
      await ensureTenant(db, settings.tenantId);
      await superviseChains(context);
      logger.debug("teams bridge started");
    },
    async stop() {
      await graph.close();
    },
  };
}
