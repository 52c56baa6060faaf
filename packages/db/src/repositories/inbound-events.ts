import type { Db } from "../client.ts";

/**
 * Records many source event ids in one statement; for each, in order, false when it was already taken
 * in — before, or earlier in the same list.
 */
export async function recordInboundEvents(
  db: Db,
  events: readonly { source: string; eventId: string }[],
): Promise<boolean[]> {
  if (events.length === 0) return [];
  const inserted = await db.$queryRaw<{ source: string; eventId: string }[]>`
    INSERT INTO "InboundEvent" ("source", "eventId")
    SELECT * FROM unnest(${events.map((e) => e.source)}::text[], ${events.map((e) => e.eventId)}::text[])
    ON CONFLICT ("source", "eventId") DO NOTHING
    RETURNING "source", "eventId"`;
  const fresh = new Set(inserted.map((row) => eventKey(row.source, row.eventId)));
  return events.map((e) => fresh.delete(eventKey(e.source, e.eventId)));
}

function eventKey(source: string, eventId: string): string {
  return `${source}\u0000${eventId}`;
}

export async function pruneInboundEvents(db: Db, olderThan: Date): Promise<number> {
  const result = await db.inboundEvent.deleteMany({ where: { receivedAt: { lt: olderThan } } });
  return result.count;
}
