import { SLACK_METHOD_CALLS_PER_MINUTE, type Side } from "@presence/core";
import { APP_INSTANCE_ALIVE_WITHIN_MS, countLinks, listAppInstances, type DbClient } from "@presence/db";
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
  const [links, apps, [queue], sideTimes, lastHour, problems, subscriptions, accounts, budgets] =
    await Promise.all([
      countLinks(db),
      listAppInstances(db, HOUR, now),
      db.$queryRaw<{ waiting: bigint; due: bigint; failed: bigint; oldest: Date | null }[]>`
      SELECT count(*) FILTER (WHERE attempts < max_attempts) AS waiting,
             count(*) FILTER (WHERE attempts < max_attempts AND run_at <= now() AND locked_at IS NULL) AS due,
             count(*) FILTER (WHERE attempts >= max_attempts) AS failed,
             min(run_at) FILTER (WHERE attempts < max_attempts AND run_at <= now() AND locked_at IS NULL) AS oldest
      FROM graphile_worker.jobs`,
      db.$queryRaw<{ side: Side; observed: Date | null; written: Date | null }[]>`
      SELECT "side", max("observedAt") AS observed, max("writtenAt") AS written FROM "LinkSide" GROUP BY "side"`,
      db.syncEvent.groupBy({
        by: ["side", "kind"],
        where: {
          at: { gte: new Date(now - HOUR) },
          side: { not: null },
          kind: { in: ["mirrored", "written", "echo_dropped", "failed", "rate_limited", "needs_reauth"] },
        },
        _count: { _all: true },
      }),
      db.syncEvent.groupBy({
        by: ["kind"],
        where: {
          at: { gte: new Date(now - 24 * HOUR) },
          kind: { in: ["failed", "needs_reauth", "flap_paused", "rate_limited"] },
        },
        _count: { _all: true },
      }),
      db.graphSubscription.findMany({ orderBy: { expiresAt: "asc" }, take: 100 }),
      db.graphServiceAccount.findMany({ orderBy: { userPrincipalName: "asc" }, take: 100 }),
      db.slackRateBudget.findMany({
        where: { key: { startsWith: "method:" } },
        orderBy: { key: "asc" },
        take: 200,
      }),
    ]);
  const side = (name: Side) => {
    const times = sideTimes.find((row) => row.side === name);
    return {
      lastObservedAt: times?.observed ?? null,
      lastWrittenAt: times?.written ?? null,
      lastHour: Object.fromEntries(
        lastHour.filter((row) => row.side === name).map((row) => [row.kind, row._count._all]),
      ),
    };
  };
  const oldest = queue?.oldest ?? null;
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
      waiting: Number(queue?.waiting ?? 0),
      due: Number(queue?.due ?? 0),
      failedForGood: Number(queue?.failed ?? 0),
      oldestDueAt: oldest,
      lagSeconds: oldest ? Math.max(0, (now - oldest.getTime()) / 1000) : 0,
    },
    sides: { slack: side("slack"), teams: side("teams") },
    last24h: Object.fromEntries(problems.map((p) => [p.kind, p._count._all])),
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
