import { parseInput } from "@presence/core";
import { listAdminPrincipals, type DbClient } from "@presence/db";
import { addAdmin, removeAdmin } from "@presence/services";
import express, { type Router } from "express";

import { actorOf } from "../auth/principal.ts";
import { ZAdminBody } from "./api-schemas.ts";

/** /api/admins: the allow-list of who may administer (Entra users and groups, e-mails, Slack users). */
export function adminsRoutes(db: DbClient): Router {
  const router = express.Router();

  router.get("/admins", async (_req, res) => {
    res.json({ admins: await listAdminPrincipals(db) });
  });

  router.post("/admins", async (req, res) => {
    const body = parseInput(ZAdminBody, req.body, "Invalid admin");
    res.status(201).json({ admin: await addAdmin(db, body, actorOf(res)) });
  });

  router.delete("/admins/:id", async (req, res) => {
    res.json({ removed: (await removeAdmin(db, req.params.id, actorOf(res))).id });
  });

  return router;
}
