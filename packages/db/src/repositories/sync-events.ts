import type { SyncEventDraft, SyncEventKind } from "@presence/core";

import type { Db } from "../client.ts";
import type { SyncEvent } from "../generated/prisma/client.ts";

/** The Postgres NOTIFY channel on which every batch of new sync events is announced: `{ maxId, linkId }`. */
export const SYNC_EVENTS_CHANNEL = "presence_sync_events";

/** Appends audit events for one link (or organisation-wide when linkId is null). */
export async function appendSyncEvents(
  db: Db,
  linkId: string | null,
  drafts: readonly SyncEventDraft[],
  correlationId: string | null = null,
): Promise<void> {
  if (drafts.length === 0) return;
  // One statement for all events (the pipeline's hot path). It also tells listeners (the admin UI's
  // live updates) which link changed; Postgres delivers the notification when the transaction commits.
  await db.$queryRaw`
    WITH inserted AS (
      INSERT INTO "SyncEvent" ("linkId", "kind", "side", "message", "detail", "correlationId")
      SELECT ${linkId}, e.kind, e.side::"Side", e.message, e.detail::jsonb, ${correlationId}
      FROM unnest(
        ${drafts.map((d) => d.kind)}::text[],
        ${drafts.map((d) => d.side)}::text[],
        ${drafts.map((d) => d.message)}::text[],
        ${drafts.map((d) => JSON.stringify(d.detail))}::text[]
      ) AS e(kind, side, message, detail)
      RETURNING "id"
    )
    SELECT pg_notify(${SYNC_EVENTS_CHANNEL}, json_build_object('maxId', max("id")::text, 'linkId', ${linkId}::text)::text)::text
    FROM inserted`;
}

export interface ListSyncEventsOptions {
  linkId?: string;
  kinds?: readonly SyncEventKind[];
  limit?: number;
  /** Only events with a smaller id (paging backwards through the timeline). */
  beforeId?: bigint;
}

/** Newest first. */
export async function listSyncEvents(db: Db, options: ListSyncEventsOptions = {}): Promise<SyncEvent[]> {
  return db.syncEvent.findMany({
    where: {
      ...(options.linkId ? { linkId: options.linkId } : {}),
      ...(options.kinds ? { kind: { in: [...options.kinds] } } : {}),
      ...(options.beforeId ? { id: { lt: options.beforeId } } : {}),
    },
    orderBy: { id: "desc" },
    take: Math.min(options.limit ?? 50, 1000),
  });
}

/** Writes recorded for a link since `since` (the flap breaker's input). */
export async function countRecentWrites(db: Db, linkId: string, since: Date): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "SyncEvent" WHERE "linkId" = ${linkId} AND "kind" = 'written' AND "at" >= ${since}::timestamp`;
  return Number(row?.n ?? 0);
}

/** Deletes events older than the retention. */
export async function pruneSyncEvents(db: Db, olderThan: Date): Promise<number> {
  const result = await db.syncEvent.deleteMany({ where: { at: { lt: olderThan } } });
  return result.count;
}
