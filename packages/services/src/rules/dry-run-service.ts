import {
  effectivePolicy,
  parseInput,
  replayDecisions,
  ZRecordedDecision,
  ZLinkPolicyOverrides,
  ZRuleSet,
  type LinkPolicy,
  type RecordedDecision,
} from "@presence/core";
import {
  appendSyncEvents,
  createRuleDryRun,
  finishRuleDryRun,
  getRuleDryRun,
  getSettings,
  markRuleDryRunRunning,
  type DbClient,
  type RuleDryRun,
} from "@presence/db";
import { addJob } from "@presence/pipeline";

import type { Actor } from "../link-service.ts";

export const RULE_DRY_RUN_TASK = "rule_dry_run";
/** Decisions a dry run replays at most (the newest are kept when a window holds more). */
const MAX_DECISIONS = 200_000;
const PAGE = 5_000;
const DECISION_KINDS = ["mirrored", "no_change", "manual_kept"];

/**
 * Starts a dry run of draft rules over the decisions recorded in the last `hours` (validated first;
 * nothing is published). It runs as a job; its result says what the draft would have written.
 */
export async function startDryRun(
  db: DbClient,
  rules: unknown,
  hours: number,
  actor: Actor,
): Promise<RuleDryRun> {
  const draft = parseInput(ZRuleSet, rules, "Invalid rules");
  const to = new Date();
  const from = new Date(to.getTime() - hours * 3_600_000);
  return db.$transaction(async (tx) => {
    const run = await createRuleDryRun(tx, { rules: draft, from, to, requestedBy: actor.name });
    await addJob(
      tx,
      RULE_DRY_RUN_TASK,
      { runId: run.id },
      { jobKey: `rule-dry-run:${run.id}`, maxAttempts: 3 },
    );
    await appendSyncEvents(
      tx,
      null,
      [
        {
          kind: "admin_action",
          side: null,
          message: `Dry run of draft rules over the last ${hours} h started by ${actor.name}`,
          detail: { action: "dry_run_started", runId: run.id, hours },
        },
      ],
      actor.name,
    );
    return run;
  });
}

/** The dry-run job: reads the window's recorded decisions and replays them under the draft. */
export async function runDryRun(db: DbClient, runId: string): Promise<void> {
  const run = await getRuleDryRun(db, runId);
  if (run.status === "done") return;
  await markRuleDryRunRunning(db, runId);
  try {
    const draft = ZRuleSet.parse(run.rules);
    const settings = await getSettings(db);
    const decisions = await recordedDecisions(db, run.fromTime, run.toTime);
    const links = await db.link.findMany({
      where: { id: { in: [...new Set(decisions.map((d) => d.linkId))] } },
      select: { id: true, policy: true },
    });
    const policies = new Map<string, LinkPolicy>(
      links.map((l) => [l.id, effectivePolicy(settings, ZLinkPolicyOverrides.catch({}).parse(l.policy))]),
    );
    const fallback = effectivePolicy(settings, {});
    const outcome = replayDecisions(decisions, {
      draft,
      settings,
      policyOf: (id) => policies.get(id) ?? fallback,
    });
    await finishRuleDryRun(db, runId, {
      decisions: outcome.decisions,
      differing: outcome.differing,
      activeWrites: outcome.activeWrites,
      draftWrites: outcome.draftWrites,
      people: outcome.people,
      results: outcome.differences,
    });
  } catch (error) {
    await finishRuleDryRun(db, runId, { error: error instanceof Error ? error.message : String(error) });
  }
}

/** The decisions of a window that recorded the states they were taken on, oldest first. */
async function recordedDecisions(db: DbClient, from: Date, to: Date): Promise<RecordedDecision[]> {
  const decisions: RecordedDecision[] = [];
  let beforeId: bigint | undefined;
  while (decisions.length < MAX_DECISIONS) {
    const page = await db.syncEvent.findMany({
      where: {
        kind: { in: DECISION_KINDS },
        at: { gte: from, lt: to },
        linkId: { not: null },
        side: { not: null },
        ...(beforeId ? { id: { lt: beforeId } } : {}),
      },
      orderBy: { id: "desc" },
      take: PAGE,
      select: { id: true, linkId: true, side: true, at: true, detail: true },
    });
    for (const event of page) {
      const parsed = ZRecordedDecision.safeParse({
        linkId: event.linkId,
        at: event.at.getTime(),
        to: event.side,
        detail: event.detail,
      });
      if (parsed.success) decisions.push(parsed.data);
    }
    if (page.length < PAGE) break;
    beforeId = page.at(-1)?.id;
  }
  return decisions.reverse();
}
