import { parseInput } from "@presence/core";
import { listWebhookConnections, type DbClient, type KeyRing } from "@presence/db";
import {
  addWebhookConnection,
  parseConnectionId,
  removeWebhookConnection,
  rotateWebhookSecret,
  setWebhookConnectionEnabled,
} from "@presence/services";
import express, { type Router } from "express";

import { actorOf } from "../auth/principal.ts";
import { ZWebhookConnectionBody, ZWebhookDisableBody } from "./api-schemas.ts";

/**
 * /api/webhooks: third-party systems connected through the webhook spoke (docs/webhook-spoke.md). A secret
 * is answered only when it is made (add, rotate-secret); listings never carry it.
 */
export function webhooksRoutes(db: DbClient, ring: KeyRing): Router {
  const router = express.Router();

  router.get("/webhooks", async (_req, res) => {
    res.json({ connections: await listWebhookConnections(db) });
  });

  router.post("/webhooks", async (req, res) => {
    const body = parseInput(ZWebhookConnectionBody, req.body, "Invalid webhook connection");
    // The answer carries the secret: no cache may keep it.
    res
      .status(201)
      .set("Cache-Control", "no-store")
      .json(await addWebhookConnection(db, ring, body, actorOf(res)));
  });

  router.post("/webhooks/:id/rotate-secret", async (req, res) => {
    res
      .set("Cache-Control", "no-store")
      .json(await rotateWebhookSecret(db, ring, parseConnectionId(req.params.id), actorOf(res)));
  });

  router.post("/webhooks/:id/disable", async (req, res) => {
    const body = parseInput(ZWebhookDisableBody, req.body ?? {}, "Invalid request");
    const connection = await setWebhookConnectionEnabled(
      db,
      parseConnectionId(req.params.id),
      false,
      actorOf(res),
      body.reason ?? "",
    );
    res.json({ connection });
  });

  router.post("/webhooks/:id/enable", async (req, res) => {
    res.json({
      connection: await setWebhookConnectionEnabled(db, parseConnectionId(req.params.id), true, actorOf(res)),
    });
  });

  router.delete("/webhooks/:id", async (req, res) => {
    res.json({
      removed: (await removeWebhookConnection(db, parseConnectionId(req.params.id), actorOf(res))).id,
    });
  });

  return router;
}
