import type { SlackAdapter } from "@presence/core";
import type { AppModule, Runtime } from "@presence/runtime";
import type { ReadinessCheck } from "@presence/telemetry";
import type { Authorize } from "@slack/bolt";
import { InstallProvider } from "@slack/oauth";
import express from "express";

import { RateBudgets } from "./store/rate-budgets.ts";
import type { SlackBridgeConfig } from "./env.ts";
import { HomeService } from "./home/home-service.ts";
import { registerHomeListeners } from "./home/home-listeners.ts";
import { BridgeApp } from "./inbound/bridge-app.ts";
import { registerEventListeners } from "./inbound/event-listeners.ts";
import { httpReceiver, socketModeReceiver } from "./inbound/receivers.ts";
import { oauthRoutes } from "./connect/oauth-routes.ts";
import { SlackApi } from "./client/slack-api.ts";
import { slackSdkLogger } from "./client/slack-sdk-logger.ts";
import type { SlackContext } from "./slack-context.ts";
import { createSlackMetrics } from "./slack-metrics.ts";
import { resolveSlackSettings } from "./slack-settings.ts";
import { PostgresInstallationStore } from "./store/postgres-installation-store.ts";
import { SlackTokens } from "./store/slack-tokens.ts";
import { startCatchUpCheck } from "./jobs/catch-up-after-outage.ts";
import { enqueuePublishHome, PUBLISH_HOME_TASK, ZPublishHomeJob } from "./jobs/publish-home.ts";
import { SLACK_CRON, slackTasks } from "./jobs/slack-tasks.ts";
import { createSlackWriter } from "./write/slack-writer.ts";
import { createSlackAdapter } from "./spoke/slack-adapter.ts";

/** The module, and the Slack spoke as an adapter (null when the bridge is off). */
export interface SlackBridgeModule extends AppModule {
  adapter: SlackAdapter | null;
}

/**
 * The Slack bridge as a module of a process (its own, or the all-in-one): Slack events in over HTTP
 * (/slack/events, /slack/commands, /slack/interactivity) or Socket Mode; OAuth install and connect
 * (/slack/install, /slack/connect, /slack/oauth_redirect); App Home and /presence; the Slack writer
 * and the bridge's background jobs (token refresh, directory sync, baselines) for the pipeline.
 */
export async function createSlackBridge(
  runtime: Runtime,
  config: SlackBridgeConfig,
): Promise<SlackBridgeModule> {
  const settings = resolveSlackSettings(config, runtime.keyRing);
  const logger = runtime.logger.child({ component: "slack-bridge" });
  if (!settings) {
    logger.warn(
      "Slack bridge off: SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET are not set",
    );
    return disabledModule();
  }
  const sdkLogger = slackSdkLogger(logger.child({ component: "bolt" }));
  const slackMetrics = createSlackMetrics(runtime.metrics.registry);
  const api = new SlackApi({
    apiUrl: settings.apiUrl,
    budgets: new RateBudgets(runtime.db, {
      windowMs: settings.rateWindowMs,
      guardMs: Math.max(250, Math.round(settings.rateWindowMs * 0.02)),
    }),
    scale: settings.rateScale,
    methodLimits: settings.methodRateLimits,
    metrics: slackMetrics,
    logger,
  });
  const installations = new PostgresInstallationStore(runtime.db, runtime.keyRing);
  const tokens = new SlackTokens({
    db: runtime.db,
    ring: runtime.keyRing,
    api,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    metrics: slackMetrics,
    logger,
    now: runtime.now,
  });
  const context: SlackContext = {
    db: runtime.db,
    ring: runtime.keyRing,
    logger,
    metrics: runtime.metrics,
    slackMetrics,
    now: runtime.now,
    api,
    tokens,
    publicBaseUrl: settings.publicBaseUrl,
  };
  const clientOptions = {
    slackApiUrl: settings.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };
  const installer = new InstallProvider({
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    stateSecret: settings.stateSecret,
    installationStore: installations,
    directInstall: true,
    authorizationUrl: settings.authorizeUrl,
    clientOptions,
    logger: sdkLogger,
  });

  const router = express.Router();
  router.use(oauthRoutes(context, installer));
  const readiness: ReadinessCheck[] = [];
  let receiver;
  if (settings.appToken) {
    const socket = socketModeReceiver({
      appToken: settings.appToken,
      apiUrl: settings.apiUrl,
      logger: sdkLogger,
    });
    receiver = socket.receiver;
    readiness.push(socket.readiness);
  } else {
    receiver = httpReceiver(router, {
      signingSecret: settings.signingSecret ?? "",
      logger: sdkLogger,
      metrics: slackMetrics,
    });
  }
  const app = new BridgeApp({
    receiver,
    authorize: ((source) => installer.authorize(source)) as Authorize<boolean>,
    logger: sdkLogger,
    clientOptions,
    onAppRateLimited: ({ teamId, minuteRateLimited }) => {
      slackMetrics.appRateLimited.inc({ team_id: teamId });
      logger.warn(
        { teamId, minuteRateLimited },
        "Slack dropped events for this workspace (over 30,000 an hour: app_rate_limited); the baseline sweep reconciles",
      );
    },
  });
  app.error(async (error) => {
    logger.error({ err: error }, "a Slack event could not be handled; Slack will deliver it again");
    throw error;
  });
  const home = new HomeService(context);
  registerEventListeners(app, context, { publishHome: (person) => enqueuePublishHome(context.db, person) });
  registerHomeListeners(app, home);

  const socketMode = settings.appToken !== null;
  let catchUpCheck: { stop(): void } | undefined;
  logger.info(
    {
      mode: socketMode ? "socket" : "http",
      apiUrl: settings.apiUrl,
      adminTokenMode: settings.adminTokenMode,
    },
    "Slack bridge ready",
  );
  return {
    name: "slack-bridge",
    router,
    writers: [createSlackWriter({ api, tokens, adminTokenMode: settings.adminTokenMode, now: runtime.now })],
    readiness,
    tasks: {
      ...slackTasks(context),
      [PUBLISH_HOME_TASK]: async (payload) => home.publish(ZPublishHomeJob.parse(payload)),
    },
    cron: SLACK_CRON,
    adapter: createSlackAdapter(context, { adminTokenMode: settings.adminTokenMode }),
    async start() {
      if (socketMode) await app.start();
      catchUpCheck = startCatchUpCheck(context);
    },
    async stop() {
      catchUpCheck?.stop();
      if (socketMode) await app.stop();
    },
  };
}

function disabledModule(): SlackBridgeModule {
  return {
    name: "slack-bridge",
    adapter: null,
    router: express.Router(),
    writers: [],
    readiness: [],
    async start() {},
    async stop() {},
  };
}
