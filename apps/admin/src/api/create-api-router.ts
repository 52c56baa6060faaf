import type { DbClient, KeyRing } from "@presence/db";
import type { Logger } from "@presence/telemetry";
import { isStorableText, someText } from "@presence/core";
import express, { type RequestHandler, type Router } from "express";

import type { AdminSettings } from "../admin-settings.ts";
import { authenticate } from "../auth/authenticate.ts";
import { csrfProtection, requireAdmin, requireSession } from "../auth/request-guards.ts";
import type { DemoPanel } from "../demo/demo-panel.ts";
import type { SyncEventFeed } from "../live/sync-event-feed.ts";
import { adminsRoutes } from "./admins-routes.ts";
import { apiErrors } from "./api-errors.ts";
import { auditRoutes } from "./audit-routes.ts";
import { demoRoutes } from "./demo-routes.ts";
import { linksRoutes } from "./links-routes.ts";
import { meRoutes } from "./me-routes.ts";
import { openApiDocument } from "./openapi.ts";
import { overviewRoutes } from "./overview-routes.ts";
import { peopleRoutes } from "./people-routes.ts";
import { rulesRoutes } from "./rules-routes.ts";
import { sessionRoutes } from "./session-routes.ts";
import { settingsRoutes } from "./settings-routes.ts";
import { streamRoutes } from "./stream-routes.ts";
import { webhooksRoutes } from "./webhooks-routes.ts";

export interface ApiDeps {
  db: DbClient;
  ring: KeyRing;
  logger: Logger;
  settings: AdminSettings;
  feed: SyncEventFeed;
  /** Where the bridges' /slack and /graph routes are reached (connect links). */
  bridgesUrl: string;
  demoPanel: DemoPanel | null;
  demoAdminLoginHint: string | null;
}

/**
 * The admin JSON API under /api (documented at /api/openapi.json); the UI uses nothing else. Who is
 * calling is found first (token, session, local demo), state-changing requests are checked for CSRF,
 * text no query can carry is refused, then /api/session is open, /api/me needs any signed-in person,
 * and everything else an admin.
 */
export function createApiRouter(deps: ApiDeps): Router {
  const { db, logger, settings } = deps;
  const api = express.Router();
  api.get("/openapi.json", (_req, res) => void res.json(openApiDocument()));
  api.use(authenticate(db, settings));
  api.use(csrfProtection());
  api.use(express.json({ limit: "256kb" }));
  api.use(refuseUnstorableText());
  api.use(sessionRoutes(db, settings, deps.demoAdminLoginHint));
  api.use("/me", requireSession());
  api.use(meRoutes(deps));
  api.use(requireAdmin());
  api.use(linksRoutes(db));
  api.use(peopleRoutes(db));
  api.use(rulesRoutes(db));
  api.use(settingsRoutes(db));
  api.use(auditRoutes(db));
  api.use(adminsRoutes(db));
  api.use(webhooksRoutes(db, deps.ring));
  api.use(overviewRoutes(db));
  api.use(streamRoutes(deps.feed));
  if (deps.demoPanel) api.use(demoRoutes(deps.demoPanel));
  api.use((_req, res) => void res.status(404).json({ error: "not_found", message: "No such API route" }));
  api.use(apiErrors(logger));
  const router = express.Router();
  router.use("/api", api);
  return router;
}

/**
 * Text Postgres cannot hold (a NUL character) or Prisma cannot send (a lone UTF-16 surrogate) is
 * invalid input wherever it comes, path, query or JSON body: it would fail the query it reaches
 * (a 500, or a CSV export cut off after its first line).
 */
function refuseUnstorableText(): RequestHandler {
  return (req, res, next) => {
    let path = "";
    try {
      path = decodeURIComponent(req.path);
    } catch {
      // A malformed %-escape: the router refuses it (400) when it reads the parameter.
    }
    if ([path, req.query, req.body as unknown].some((value) => someText(value, unstorable))) {
      res.status(400).json({
        error: "invalid_input",
        message: "Text with a NUL character or an unpaired surrogate is not accepted",
      });
      return;
    }
    next();
  };
}

const unstorable = (text: string): boolean => !isStorableText(text);
