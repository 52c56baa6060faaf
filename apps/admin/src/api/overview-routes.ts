import { parseInput } from "@presence/core";
import { countLinks, listSyncEvents, type DbClient } from "@presence/db";
import express, { type Router } from "express";

import { ZEventsQuery } from "./api-schemas.ts";

/** /api/health (the bridge as admins see it) and /api/audit (every recent event, organisation-wide). */
export function overviewRoutes(db: DbClient): Router {
  const router = express.Router();

  router.get("/health", async (_req, res) => {
    const since = new Date(Date.now() - 24 * 60 * 60 * 1000);
    const [links, [queue], problems, subscriptions] = await Promise.all([
      countLinks(db),
      db.$queryRaw<{ waiting: bigint; failed: bigint; oldest: Date | null }[]>`
        SELECT count(*) FILTER (WHERE attempts < max_attempts) AS waiting,
               count(*) FILTER (WHERE attempts >= max_attempts) AS failed,
               min(run_at) FILTER (WHERE attempts < max_attempts AND run_at <= now()) AS oldest
        FROM graphile_worker.jobs`,
      db.syncEvent.groupBy({
        by: ["kind"],
        where: {
          at: { gte: since },
          kind: { in: ["failed", "needs_reauth", "flap_paused", "rate_limited"] },
        },
        _count: { _all: true },
      }),
      db.graphSubscription.aggregate({ _count: { _all: true }, _min: { expiresAt: true } }),
    ]);
    res.json({
      links,
      queue: {
        waiting: Number(queue?.waiting ?? 0),
        failedForGood: Number(queue?.failed ?? 0),
        oldestDueAt: queue?.oldest ?? null,
      },
      last24h: Object.fromEntries(problems.map((p) => [p.kind, p._count._all])),
      graphSubscriptions: { count: subscriptions._count._all, nextExpiry: subscriptions._min.expiresAt },
    });
  });

  router.get("/audit", async (req, res) => {
    const query = parseInput(ZEventsQuery, req.query, "Invalid query");
    const events = await listSyncEvents(db, {
      limit: query.limit,
      ...(query.kind ? { kinds: query.kind } : {}),
      ...(query.beforeId ? { beforeId: BigInt(query.beforeId) } : {}),
    });
    res.json({ events });
  });

  return router;
}
