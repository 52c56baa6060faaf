import type { Expectation, PendingExpectation, Side } from "@presence/core";

import type { Db } from "../client.ts";

/** Stores what a side will report after a bridge write (loop protection layer 1). */
export async function addExpectation(
  db: Db,
  linkId: string,
  side: Side,
  expectation: Expectation,
  expiresAt: Date,
): Promise<void> {
  await db.writeExpectation.create({
    data: { linkId, side, facet: expectation.facet, fingerprint: expectation.fingerprint, expiresAt },
  });
}

/** Unexpired expectations for a link. */
export async function pendingExpectations(db: Db, linkId: string, now: Date): Promise<PendingExpectation[]> {
  const rows = await db.writeExpectation.findMany({ where: { linkId, expiresAt: { gt: now } } });
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
