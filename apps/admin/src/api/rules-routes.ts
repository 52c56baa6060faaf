import {
  effectivePolicy,
  parseInput,
  previewSlackToTeams,
  previewTeamsToSlack,
  ZRuleSet,
} from "@presence/core";
import {
  getActiveRules,
  getRuleDryRun,
  getSettings,
  listRuleDryRuns,
  listRuleVersions,
  type DbClient,
  getRuleVersion,
} from "@presence/db";
import { publishRules, rollbackRules, startDryRun } from "@presence/services";
import express, { type Router } from "express";

import { actorOf } from "../auth/principal.ts";
import { ZDryRunBody, ZRollbackBody, ZRulePreviewBody, ZRulesBody, ZRulesOnlyBody } from "./api-schemas.ts";

/** /api/rules: the versioned mapping rules — validate, preview, publish, diff, roll back, dry-run. */
export function rulesRoutes(db: DbClient): Router {
  const router = express.Router();

  router.get("/rules", async (_req, res) => {
    res.json(await getActiveRules(db));
  });

  router.post("/rules", async (req, res) => {
    const body = parseInput(ZRulesBody, req.body, "Invalid request");
    res.status(201).json(await publishRules(db, body.rules, body.comment, actorOf(res)));
  });

  router.get("/rules/versions", async (_req, res) => {
    res.json({ versions: await listRuleVersions(db) });
  });

  router.get("/rules/versions/:version", async (req, res) => {
    const version = parseInput(ZRollbackBody.shape.version, Number(req.params.version), "Invalid version");
    const row = await getRuleVersion(db, version);
    if (!row) {
      res.status(404).json({ error: "not_found", message: `No version ${version} of the rules` });
      return;
    }
    res.json(row);
  });

  /** Checks a draft against the platforms' limits without storing it: every problem with its path. */
  router.post("/rules/validate", (req, res) => {
    const body = parseInput(ZRulesOnlyBody, req.body, "Invalid request");
    const parsed = ZRuleSet.safeParse(body.rules);
    res.json({
      valid: parsed.success,
      issues: parsed.success
        ? []
        : parsed.error.issues.map((issue) => ({
            path: issue.path.map(String).join("."),
            message: issue.message,
          })),
    });
  });

  /** "This Teams state becomes this Slack status" (and the other way) under a draft. */
  router.post("/rules/preview", async (req, res) => {
    const body = parseInput(ZRulePreviewBody, req.body, "Invalid request");
    const rules = parseInput(ZRuleSet, body.rules, "Invalid rules");
    const settings = await getSettings(db);
    const policy = effectivePolicy(settings, {});
    res.json({
      slack: body.teams ? previewTeamsToSlack(rules, settings, policy, body.teams) : null,
      teams: body.slack ? previewSlackToTeams(rules, settings, policy, body.slack) : null,
    });
  });

  router.post("/rules/rollback", async (req, res) => {
    const body = parseInput(ZRollbackBody, req.body, "Invalid request");
    res.status(201).json(await rollbackRules(db, body.version, actorOf(res)));
  });

  router.get("/rules/dry-runs", async (_req, res) => {
    res.json({ runs: await listRuleDryRuns(db) });
  });

  router.post("/rules/dry-runs", async (req, res) => {
    const body = parseInput(ZDryRunBody, req.body, "Invalid request");
    const {
      results: _results,
      rules: _rules,
      ...run
    } = await startDryRun(db, body.rules, body.hours, actorOf(res));
    res.status(202).json({ run });
  });

  router.get("/rules/dry-runs/:id", async (req, res) => {
    res.json({ run: await getRuleDryRun(db, req.params.id) });
  });

  return router;
}
