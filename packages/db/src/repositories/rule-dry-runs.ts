import { BridgeError, type RuleSet } from "@presence/core";

import type { Db } from "../client.ts";
import type { RuleDryRun } from "../generated/prisma/client.ts";
import { toJson } from "./json.ts";

export async function createRuleDryRun(
  db: Db,
  input: { rules: RuleSet; from: Date; to: Date; requestedBy: string },
): Promise<RuleDryRun> {
  return db.ruleDryRun.create({
    data: {
      rules: toJson(input.rules),
      fromTime: input.from,
      toTime: input.to,
      requestedBy: input.requestedBy,
    },
  });
}

export async function getRuleDryRun(db: Db, id: string): Promise<RuleDryRun> {
  const run = await db.ruleDryRun.findUnique({ where: { id } });
  if (!run) throw new BridgeError("not_found", `No dry run ${id}`);
  return run;
}

export async function listRuleDryRuns(db: Db, limit = 20): Promise<Omit<RuleDryRun, "results" | "rules">[]> {
  return db.ruleDryRun.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    omit: { results: true, rules: true },
  });
}

export interface RuleDryRunOutcome {
  decisions: number;
  differing: number;
  activeWrites: number;
  draftWrites: number;
  people: number;
  results: unknown[];
}

export async function finishRuleDryRun(
  db: Db,
  id: string,
  outcome: RuleDryRunOutcome | { error: string },
): Promise<RuleDryRun> {
  const done = new Date();
  if ("error" in outcome)
    return db.ruleDryRun.update({
      where: { id },
      data: { status: "failed", error: outcome.error, finishedAt: done },
    });
  return db.ruleDryRun.update({
    where: { id },
    data: { ...outcome, results: toJson(outcome.results), status: "done", finishedAt: done },
  });
}

export async function markRuleDryRunRunning(db: Db, id: string): Promise<void> {
  await db.ruleDryRun.update({ where: { id }, data: { status: "running" } });
}
