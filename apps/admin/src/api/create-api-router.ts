import type { Runtime } from "@presence/runtime";
import express, { type Router } from "express";

import { apiAuth, type ApiAuthOptions } from "./api-auth.ts";
import { apiErrors } from "./api-errors.ts";
import { linksRoutes } from "./links-routes.ts";
import { openApiDocument } from "./openapi.ts";
import { overviewRoutes } from "./overview-routes.ts";
import { settingsRoutes } from "./settings-routes.ts";

/** The admin JSON API under /api (documented at /api/openapi.json); the admin UI uses nothing else. */
export function createApiRouter(runtime: Runtime, options: ApiAuthOptions): Router {
  const actor = { name: "admin-api" };
  const api = express.Router();
  api.get("/openapi.json", (_req, res) => void res.json(openApiDocument()));
  api.use(apiAuth(options));
  api.use(express.json({ limit: "256kb" }));
  api.use(linksRoutes(runtime.db, actor));
  api.use(settingsRoutes(runtime.db, actor));
  api.use(overviewRoutes(runtime.db));
  api.use((_req, res) => void res.status(404).json({ error: "not_found", message: "No such API route" }));
  api.use(apiErrors(runtime.logger));
  const router = express.Router();
  router.use("/api", api);
  return router;
}
