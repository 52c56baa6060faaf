import type { Spoke, SyncEventKind } from "@presence/core";

import type { Db } from "../client.ts";

/**
 * The reads behind the admin overview (shared and spoke tables alike: the overview only reads, and only
 * here).
 */

/** When each side last had a change observed and a write made, over all links. */
export async function sideActivity(
  db: Db,
): Promise<{ side: Spoke; observedAt: Date | null; writtenAt: Date | null }[]> {
  return db.$queryRaw`
    SELECT "side", max("observedAt") AS "observedAt", max("writtenAt") AS "writtenAt"
    FROM "LinkSide" GROUP BY "side"`;
}

/** Audit events of these kinds since `since`, counted per side and kind (side null: not about one side). */
export async function countSyncEvents(
  db: Db,
  since: Date,
  kinds: readonly SyncEventKind[],
): Promise<{ side: Spoke | null; kind: string; count: number }[]> {
  const rows = await db.syncEvent.groupBy({
    by: ["side", "kind"],
    where: { at: { gte: since }, kind: { in: [...kinds] } },
    _count: { _all: true },
  });
  return rows.map((row) => ({ side: row.side, kind: row.kind, count: row._count._all }));
}

/** Graph presence subscriptions, soonest expiry first. */
export async function listGraphSubscriptions(db: Db, limit = 100) {
  return db.graphSubscription.findMany({ orderBy: { expiresAt: "asc" }, take: limit });
}

/** Notify mode's service accounts. */
export async function listGraphServiceAccounts(db: Db, limit = 100) {
  return db.graphServiceAccount.findMany({ orderBy: { userPrincipalName: "asc" }, take: limit });
}

/** The shared Slack method budgets (keys `method:<team>:<method>`). */
export async function listSlackMethodBudgets(db: Db, limit = 200) {
  return db.slackRateBudget.findMany({
    where: { key: { startsWith: "method:" } },
    orderBy: { key: "asc" },
    take: limit,
  });
}
