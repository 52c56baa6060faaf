import { createConfidentialClient, createDispatcher, createMsalNetworkClient } from "@presence/entra";
import { pruneWebSessions } from "@presence/db";
import type { AppModule, Runtime } from "@presence/runtime";
import {
  BULK_LINK_TASK,
  BULK_LINK_UNDO_TASK,
  RULE_DRY_RUN_TASK,
  runBulkLink,
  runBulkLinkUndo,
  runDryRun,
} from "@presence/services";
import express from "express";
import cookieParser from "cookie-parser";
import { z } from "zod";

import { resolveAdminSettings, type AdminConfig } from "./admin-settings.ts";
import { createApiRouter } from "./api/create-api-router.ts";
import { authenticate } from "./auth/authenticate.ts";
import { hostAllowList } from "./auth/request-guards.ts";
import { securityHeaders } from "./auth/security-headers.ts";
import { MICROSOFT_CALLBACK, signInRoutes } from "./auth/sign-in-routes.ts";
import type { DemoPanel } from "./demo/demo-panel.ts";
import { SyncEventFeed } from "./live/sync-event-feed.ts";
import { serveUi, UI_PAGES } from "./ui/serve-ui.ts";

export interface AdminOptions {
  config: AdminConfig;
  /** The address this process serves: the admin UI's base URL unless ADMIN_BASE_URL / PUBLIC_BASE_URL say otherwise. */
  ownUrl: string;
  /** Both Slack and Microsoft are the built-in emulators (the zero-config demo). */
  demo: boolean;
  /** A certificate to trust for Entra (the Graph emulator's, in the demo). */
  entraCa?: string;
  /** The demo's control panel (both emulators in this process). */
  demoPanel?: DemoPanel;
  /** In the demo: the account the sign-in page offers ("sign in as the demo admin"). */
  demoAdminLoginHint?: string;
  /** Override where the built UI lives (tests). */
  uiDir?: string;
}

const ZRunPayload = z.object({ runId: z.string() });
/** Prefixes the admin app owns (its guards never touch the bridges' /slack and /graph routes). */
const ADMIN_PATHS = ["/api", "/auth", "/assets", UI_PAGES];

/**
 * The admin app as a module of a process: the web UI, Microsoft and Slack sign-in, the JSON API under
 * /api, live updates, and the jobs admins start (automatic linking, its undo, rule dry runs).
 */
export async function createAdmin(runtime: Runtime, options: AdminOptions): Promise<AppModule> {
  const settings = resolveAdminSettings(options.config, options.ownUrl, options.demo);
  const dispatcher = createDispatcher(options.entraCa);
  const microsoft = settings.microsoft
    ? {
        client: createConfidentialClient(settings.microsoft, {
          network: createMsalNetworkClient(dispatcher),
          logger: runtime.logger,
        }),
        tenantId: settings.microsoft.tenantId,
        redirectUri: `${settings.baseUrl}${MICROSOFT_CALLBACK}`,
      }
    : null;
  const feed = new SyncEventFeed(runtime.databaseUrl, runtime.logger);
  const bridgesUrl = (options.config.PUBLIC_BASE_URL ?? settings.baseUrl).replace(/\/+$/, "");

  const router = express.Router();
  router.use(ADMIN_PATHS, hostAllowList(settings), securityHeaders(settings.baseUrl.startsWith("https:")));
  router.use(ADMIN_PATHS, cookieParser());
  router.use(
    signInRoutes({ db: runtime.db, ring: runtime.keyRing, logger: runtime.logger, settings, microsoft }),
  );
  router.use(
    createApiRouter({
      db: runtime.db,
      ring: runtime.keyRing,
      logger: runtime.logger,
      settings,
      feed,
      bridgesUrl,
      demoPanel: options.demoPanel ?? null,
      demoAdminLoginHint: options.demoAdminLoginHint ?? null,
    }),
  );
  router.use(["/assets", UI_PAGES], authenticate(runtime.db, settings));
  router.use(serveUi(options.uiDir));

  return {
    name: "admin",
    router,
    writers: [],
    readiness: [],
    tasks: {
      [BULK_LINK_TASK]: async (payload) => runBulkLink(runtime.db, ZRunPayload.parse(payload).runId),
      [BULK_LINK_UNDO_TASK]: async (payload) => runBulkLinkUndo(runtime.db, ZRunPayload.parse(payload).runId),
      [RULE_DRY_RUN_TASK]: async (payload) => runDryRun(runtime.db, ZRunPayload.parse(payload).runId),
      admin_maintenance: async () => void (await pruneWebSessions(runtime.db)),
    },
    cron: [{ task: "admin_maintenance", match: "*/15 * * * *", identifier: "admin_maintenance" }],
    async start() {
      if (!settings.apiToken && !settings.microsoft && !settings.slack && !settings.demo)
        runtime.logger.warn(
          "No sign-in is configured (AZURE_* or SLACK_CLIENT_*) and ADMIN_API_TOKEN is not set: only the CLI can administer",
        );
    },
    closing() {
      feed.endStreams();
    },
    async stop() {
      await feed.close();
      await dispatcher.close();
    },
  };
}
