import { SLACK_METHOD_CALLS_PER_MINUTE, type Side } from "@presence/core";
import {
  APP_INSTANCE_ALIVE_WITHIN_MS,
  countLinks,
  countSyncEvents,
  listAppInstances,
  listGraphServiceAccounts,
  listGraphSubscriptions,
  listSlackMethodBudgets,
  sideActivity,
  type DbClient,
} from "@presence/db";
import { queueStats } from "@presence/pipeline";
import express, { type Router } from "express";

const HOUR = 3_600_000;

/** /api/health: the bridge as admins see it on the overview page. */
export function overviewRoutes(db: DbClient): Router {
  const router = express.Router();
  router.get("/health", async (_req, res) => {
    res.json(await health(db, Date.now()));
  });
  return router;
}

async function health(db: DbClient, now: number) {
  const [links, apps, queue, sideTimes, lastHour, problems, subscriptions, accounts, budgets] =
    await Promise.all([
      countLinks(db),
      listAppInstances(db, HOUR, now),
      queueStats(db),
      sideActivity(db),
      countSyncEvents(db, new Date(now - HOUR), [
        "mirrored",
        "written",
        "echo_dropped",
        "failed",
        "rate_limited",
        "needs_reauth",
      ]),
      countSyncEvents(db, new Date(now - 24 * HOUR), [
        "failed",
        "needs_reauth",
        "flap_paused",
        "rate_limited",
      ]),
      listGraphSubscriptions(db),
      listGraphServiceAccounts(db),
      listSlackMethodBudgets(db),
    ]);
  const side = (name: Side) => {
    const times = sideTimes.find((row) => row.side === name);
    return {
      lastObservedAt: times?.observedAt ?? null,
      lastWrittenAt: times?.writtenAt ?? null,
      lastHour: Object.fromEntries(
        lastHour.filter((row) => row.side === name).map((row) => [row.kind, row.count]),
      ),
    };
  };
  const oldest = queue.oldestDueAt;
  const last24h: Record<string, number> = {};
  for (const problem of problems) last24h[problem.kind] = (last24h[problem.kind] ?? 0) + problem.count;
  return {
    links,
    // Worker ids are the queue's business (releaseOrphanedJobs), not the overview's.
    apps: apps.map(({ workerIds: _workerIds, ...app }) => ({
      ...app,
      // Not heard from within the liveness window (three missed 5 s heartbeats): down.
      up: now - app.lastSeenAt.getTime() < APP_INSTANCE_ALIVE_WITHIN_MS,
      checks: app.checks as Record<string, string>,
    })),
    queue: {
      ...queue,
      lagSeconds: oldest ? Math.max(0, (now - oldest.getTime()) / 1000) : 0,
    },
    sides: { slack: side("slack"), teams: side("teams") },
    last24h,
    graphSubscriptions: subscriptions.map((s) => ({
      id: s.id,
      tenantId: s.tenantId,
      people: s.userIds.length,
      expiresAt: s.expiresAt,
    })),
    serviceAccounts: accounts.map((a) => ({
      userPrincipalName: a.userPrincipalName,
      status: a.status,
      statusReason: a.statusReason,
      people: a.userIds.length,
    })),
    slackBudgets: budgets.map((budget) => {
      const [, teamId = "", method = ""] = budget.key.split(":");
      const blocked = Number(budget.blockedUntil);
      return {
        teamId,
        method,
        usedLastMinute: budget.hits.filter((hit) => Number(hit) > now - 60_000).length,
        perMinute: SLACK_METHOD_CALLS_PER_MINUTE[method] ?? 20,
        blockedUntil: blocked > now ? new Date(blocked) : null,
      };
    }),
  };
}
