import type { Db } from "../client.ts";

/**
 * Records a source event id; false when it was already taken in (a Slack retry, a re-delivered
 * Graph notification), so the caller drops it.
 */
export async function recordInboundEvent(db: Db, source: string, eventId: string): Promise<boolean> {
  const inserted = await db.$executeRaw`
    INSERT INTO "InboundEvent" ("source", "eventId") VALUES (${source}, ${eventId})
    ON CONFLICT ("source", "eventId") DO NOTHING`;
  return inserted === 1;
}

export async function pruneInboundEvents(db: Db, olderThan: Date): Promise<number> {
  const result = await db.inboundEvent.deleteMany({ where: { receivedAt: { lt: olderThan } } });
  return result.count;
}
