import type { Expectation, PendingExpectation, Spoke } from "@presence/core";

import type { Db } from "../client.ts";

/** Stores what a side will report after a bridge write (loop protection layer 1). */
export async function addExpectation(
  db: Db,
  linkId: string,
  side: Spoke,
  expectation: Expectation,
  expiresAt: Date,
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "WriteExpectation" ("linkId", "side", "facet", "fingerprint", "expiresAt")
    VALUES (${linkId}, ${side}::"Side", ${expectation.facet}, ${expectation.fingerprint}, ${expiresAt}::timestamp)`;
}

/** Unexpired expectations for a link. */
export async function pendingExpectations(db: Db, linkId: string, now: Date): Promise<PendingExpectation[]> {
  const rows = await db.$queryRaw<{ side: Spoke; facet: string; fingerprint: string; expiresAt: Date }[]>`
    SELECT "side", "facet", "fingerprint", "expiresAt" FROM "WriteExpectation"
    WHERE "linkId" = ${linkId} AND "expiresAt" > ${now}::timestamp`;
  return rows.map((row) => ({
    side: row.side,
    facet: row.facet,
    fingerprint: row.fingerprint,
    expiresAt: row.expiresAt.getTime(),
  }));
}

export async function pruneExpectations(db: Db, now: Date): Promise<number> {
  const result = await db.writeExpectation.deleteMany({ where: { expiresAt: { lte: now } } });
  return result.count;
}
