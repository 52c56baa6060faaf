import type { SyncEventDraft, SyncEventKind } from "@presence/core";

import type { Db } from "../client.ts";
import { Prisma, type SyncEvent } from "../generated/prisma/client.ts";
import { asCtes } from "./one-statement.ts";

/** The Postgres NOTIFY channel on which every batch of new sync events is announced: `{ maxId, linkId }`. */
export const SYNC_EVENTS_CHANNEL = "presence_sync_events";

/** Appends audit events for one link (or organisation-wide when linkId is null). */
export async function appendSyncEvents(
  db: Db,
  linkId: string | null,
  drafts: readonly SyncEventDraft[],
  correlationId: string | null = null,
): Promise<void> {
  await appendSyncEventRows(
    db,
    drafts.map((draft) => ({ ...draft, linkId })),
    correlationId,
  );
}

/**
 * Appends audit events of any links in one statement (the pipeline's hot path). It also tells
 * listeners (the admin UI's live updates) which link changed — null when several did; Postgres
 * delivers the notification when the transaction commits.
 */
export async function appendSyncEventRows(
  db: Db,
  rows: readonly (SyncEventDraft & { linkId: string | null })[],
  correlationId: string | null = null,
): Promise<void> {
  if (rows.length === 0) return;
  await db.$queryRaw(appendSyncEventsSql(rows, correlationId));
}

/**
 * The statement appendSyncEventRows runs (at least one row), with other data-modifying statements run
 * alongside it in the same statement (`alongside`, see one-statement.ts): the pipeline stores a link's
 * changes and their audit events in one round trip.
 */
export function appendSyncEventsSql(
  rows: readonly (SyncEventDraft & { linkId: string | null })[],
  correlationId: string | null,
  alongside: readonly Prisma.Sql[] = [],
): Prisma.Sql {
  return Prisma.sql`
    WITH ${alongside.length > 0 ? Prisma.sql`${asCtes(alongside)},` : Prisma.empty}
    inserted AS (
      INSERT INTO "SyncEvent" ("linkId", "kind", "side", "message", "detail", "correlationId")
      SELECT e.link_id, e.kind, e.side::"Side", e.message, e.detail::jsonb, ${correlationId}
      FROM unnest(
        ${rows.map((d) => d.linkId)}::text[],
        ${rows.map((d) => d.kind)}::text[],
        ${rows.map((d) => d.side)}::text[],
        ${rows.map((d) => d.message)}::text[],
        ${rows.map((d) => JSON.stringify(d.detail))}::text[]
      ) AS e(link_id, kind, side, message, detail)
      RETURNING "id", "linkId"
    )
    SELECT pg_notify(
      ${SYNC_EVENTS_CHANNEL},
      json_build_object(
        'maxId', max("id")::text,
        'linkId', CASE WHEN count(DISTINCT coalesce("linkId", '')) = 1 THEN max("linkId") END
      )::text
    )::text
    FROM inserted`;
}

export interface ListSyncEventsOptions {
  linkId?: string;
  kinds?: readonly SyncEventKind[];
  limit?: number;
  /** Only events with a smaller id (paging backwards through the timeline). */
  beforeId?: bigint;
  /** Only events with a larger id (what is new since the last look). */
  afterId?: bigint;
  /** Events at or after / before this time. */
  from?: Date;
  to?: Date;
  /** Who or what caused them: an admin's name, a job or source event id (case-insensitive part). */
  actor?: string;
  /** Newest first (the default) or oldest first (exports). */
  order?: "asc" | "desc";
}

/** Newest first unless asked otherwise, at most 1,000 (or `maxLimit`) at a time. */
export async function listSyncEvents(
  db: Db,
  options: ListSyncEventsOptions = {},
  maxLimit = 1000,
): Promise<SyncEvent[]> {
  return db.syncEvent.findMany({
    where: {
      ...(options.linkId ? { linkId: options.linkId } : {}),
      ...(options.kinds ? { kind: { in: [...options.kinds] } } : {}),
      ...(options.beforeId || options.afterId
        ? {
            id: {
              ...(options.beforeId ? { lt: options.beforeId } : {}),
              ...(options.afterId ? { gt: options.afterId } : {}),
            },
          }
        : {}),
      ...(options.from || options.to
        ? {
            at: { ...(options.from ? { gte: options.from } : {}), ...(options.to ? { lt: options.to } : {}) },
          }
        : {}),
      ...(options.actor ? { correlationId: { contains: options.actor, mode: "insensitive" as const } } : {}),
    },
    orderBy: { id: options.order ?? "desc" },
    take: Math.min(options.limit ?? 50, maxLimit),
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
