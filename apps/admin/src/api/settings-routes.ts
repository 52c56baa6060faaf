import { parseInput, ZBridgeSettings } from "@presence/core";
import {
  addRuleVersion,
  appendSyncEvents,
  getActiveRules,
  getSettings,
  listRuleVersions,
  updateSettings,
  type DbClient,
} from "@presence/db";
import { enqueueReconsiderAll } from "@presence/pipeline";
import type { Actor } from "@presence/services";
import express, { type Router } from "express";

import { ZRulesBody, ZSettingsPatch } from "./api-schemas.ts";

/** /api/settings and /api/rules: organisation settings and the versioned mapping rules. */
export function settingsRoutes(db: DbClient, actor: Actor): Router {
  const router = express.Router();

  router.get("/settings", async (_req, res) => {
    res.json({ settings: await getSettings(db) });
  });

  router.patch("/settings", async (req, res) => {
    const patch = parseInput(ZSettingsPatch, req.body, "Invalid settings");
    const current = await getSettings(db);
    const next = parseInput(
      ZBridgeSettings,
      { ...current, ...patch, defaultPolicy: { ...current.defaultPolicy, ...(patch.defaultPolicy ?? {}) } },
      "Invalid settings",
    );
    const settings = await db.$transaction(async (tx) => {
      const saved = await updateSettings(tx, next);
      await appendSyncEvents(
        tx,
        null,
        [
          {
            kind: "link_updated",
            side: null,
            message: `Settings changed by ${actor.name}`,
            detail: { changed: Object.keys(patch) },
          },
        ],
        actor.name,
      );
      await enqueueReconsiderAll(tx, `settings changed by ${actor.name}`);
      return saved;
    });
    res.json({ settings });
  });

  router.get("/rules", async (_req, res) => {
    res.json(await getActiveRules(db));
  });

  router.get("/rules/versions", async (_req, res) => {
    res.json({ versions: await listRuleVersions(db) });
  });

  router.post("/rules", async (req, res) => {
    const body = parseInput(ZRulesBody, req.body, "Invalid request");
    const record = await db.$transaction(async (tx) => {
      const saved = await addRuleVersion(tx, body.rules, { comment: body.comment, createdBy: actor.name });
      await enqueueReconsiderAll(tx, `rules v${saved.version} by ${actor.name}`);
      return saved;
    });
    res.status(201).json(record);
  });

  return router;
}
