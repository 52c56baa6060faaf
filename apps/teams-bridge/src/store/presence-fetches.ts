import type { Db, GraphPresenceFetch } from "@presence/db";

/*
 * The Teams bridge's queue of people to read after change notifications (GraphPresenceFetch): one row
 * per person, its time moved forward when they are notified again.
 */

/** People named by notifications, to be read: new rows, or a later request time for known ones. */
export async function requestPresenceFetches(
  db: Db,
  tenantId: string,
  userIds: readonly string[],
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "GraphPresenceFetch" ("tenantId", "userId", "requestedAt")
    SELECT ${tenantId}, id, now() FROM unnest(${[...userIds]}::text[]) AS id
    ON CONFLICT ("tenantId", "userId") DO UPDATE SET "requestedAt" = now()`;
}

/** The longest-waiting people to read, at most `limit`. */
export async function listPendingFetches(
  db: Db,
  tenantId: string,
  limit: number,
): Promise<GraphPresenceFetch[]> {
  return db.graphPresenceFetch.findMany({
    where: { tenantId },
    orderBy: { requestedAt: "asc" },
    take: limit,
  });
}

/**
 * Rows read: those not requested again after `readUpTo` go (someone notified again while the read was
 * under way keeps their row and is read again). Returns whether anyone is still waiting.
 */
export async function finishFetches(
  db: Db,
  tenantId: string,
  userIds: readonly string[],
  readUpTo: Date,
): Promise<boolean> {
  await db.graphPresenceFetch.deleteMany({
    where: { tenantId, userId: { in: [...userIds] }, requestedAt: { lte: readUpTo } },
  });
  return (await db.graphPresenceFetch.count({ where: { tenantId } })) > 0;
}
