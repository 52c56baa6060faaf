import { parseInput } from "@presence/core";
import { getBulkLinkRun, listBulkLinkRuns, listDirectoryPeople, type DbClient } from "@presence/db";
import { previewAutoLink, startAutoLinkRun, startAutoLinkUndo } from "@presence/services";
import express, { type Router } from "express";

import { actorOf } from "../auth/principal.ts";
import { ZPeopleQuery } from "./api-schemas.ts";

/** How many of each kind of preview row travel to the browser (the counts are always complete). */
const SAMPLE = 200;
const sample = <T>(items: readonly T[]) => ({ count: items.length, items: items.slice(0, SAMPLE) });

/** /api/people (both directories) and /api/auto-link (linking everyone by e-mail, as a job). */
export function peopleRoutes(db: DbClient): Router {
  const router = express.Router();

  router.get("/people", async (req, res) => {
    const query = parseInput(ZPeopleQuery, req.query, "Invalid query");
    res.json(await listDirectoryPeople(db, query));
  });

  router.get("/auto-link/preview", async (_req, res) => {
    const plan = await previewAutoLink(db);
    res.json({
      matches: sample(plan.matches),
      alreadyLinked: plan.alreadyLinked,
      conflicts: sample(plan.conflicts),
      onlyOnSlack: sample(plan.onlyOnSlack),
      onlyOnTeams: sample(plan.onlyOnTeams),
      missingEmail: { slack: sample(plan.missingEmail.slack), teams: sample(plan.missingEmail.teams) },
      deactivated: plan.deactivated,
      suggestions: sample(plan.suggestions),
    });
  });

  router.get("/auto-link/runs", async (_req, res) => {
    res.json({ runs: await listBulkLinkRuns(db) });
  });

  router.post("/auto-link/runs", async (_req, res) => {
    const { emails: _emails, ...run } = await startAutoLinkRun(db, actorOf(res));
    res.status(202).json({ run });
  });

  router.get("/auto-link/runs/:id", async (req, res) => {
    const { emails: _emails, ...run } = await getBulkLinkRun(db, req.params.id);
    res.json({ run });
  });

  router.post("/auto-link/runs/:id/undo", async (req, res) => {
    const { emails: _emails, ...run } = await startAutoLinkUndo(db, req.params.id, actorOf(res));
    res.status(202).json({ run });
  });

  return router;
}
