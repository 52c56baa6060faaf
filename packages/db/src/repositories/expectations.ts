import type { Expectation, PendingExpectation, Spoke } from "@presence/core";

import type { Db } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";

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

/**
 * The statement that stores several expectations of one side at once (a write job's calls), for
 * saveLinkChanges to run with the job's other changes; null when there are none.
 */
export function addExpectationsSql(
  linkId: string,
  side: Spoke,
  expectations: readonly Expectation[],
  expiresAt: Date,
): Prisma.Sql | null {
  if (expectations.length === 0) return null;
  return Prisma.sql`
    INSERT INTO "WriteExpectation" ("linkId", "side", "facet", "fingerprint", "expiresAt")
    SELECT ${linkId}, ${side}::"Side", e.facet, e.fingerprint, ${expiresAt}::timestamp
    FROM unnest(${expectations.map((e) => e.facet)}::text[], ${expectations.map((e) => e.fingerprint)}::text[])
      AS e(facet, fingerprint)`;
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
