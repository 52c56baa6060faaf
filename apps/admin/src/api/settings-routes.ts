import { parseInput } from "@presence/core";
import { getSettings, type DbClient } from "@presence/db";
import { updateOrgSettings, type SettingsPatch } from "@presence/services";
import express, { type Router } from "express";

import { actorOf } from "../auth/principal.ts";
import { ZSettingsPatch } from "./api-schemas.ts";

/** /api/settings: organisation settings (every change re-decides every link). */
export function settingsRoutes(db: DbClient): Router {
  const router = express.Router();

  router.get("/settings", async (_req, res) => {
    res.json({ settings: await getSettings(db) });
  });

  router.patch("/settings", async (req, res) => {
    const patch = parseInput(ZSettingsPatch, req.body, "Invalid settings") as SettingsPatch;
    res.json({ settings: await updateOrgSettings(db, patch, actorOf(res)) });
  });

  return router;
}
