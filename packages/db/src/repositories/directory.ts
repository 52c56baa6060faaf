import type { Side } from "@presence/core";

import type { Db } from "../client.ts";
import type { DirectoryEntry } from "../generated/prisma/client.ts";

export interface DirectoryEntryInput {
  side: Side;
  /** Slack team id or Entra tenant id. */
  scopeId: string;
  userId: string;
  email: string | null;
  displayName: string;
  /** Deactivated on its side (Slack `deleted`, Entra `accountEnabled: false`). */
  deactivated?: boolean;
}

/** Records people seen on a side (from Slack users.list or the Graph users listing). */
export async function upsertDirectoryEntries(db: Db, entries: readonly DirectoryEntryInput[]): Promise<void> {
  for (const entry of entries) {
    const data = {
      email: entry.email?.toLowerCase() ?? null,
      displayName: entry.displayName,
      deactivated: entry.deactivated ?? false,
    };
    await db.directoryEntry.upsert({
      where: { side_scopeId_userId: { side: entry.side, scopeId: entry.scopeId, userId: entry.userId } },
      create: { side: entry.side, scopeId: entry.scopeId, userId: entry.userId, ...data },
      update: data,
    });
  }
}

/** People on one side with this e-mail address (normally zero or one). */
export async function findDirectoryByEmail(db: Db, side: Side, email: string): Promise<DirectoryEntry[]> {
  return db.directoryEntry.findMany({ where: { side, email: email.trim().toLowerCase() } });
}

/** A person on one side by user id alone, whatever workspace or tenant lists them (the first found). */
export async function findDirectoryEntryByUser(
  db: Db,
  side: Side,
  userId: string,
): Promise<DirectoryEntry | null> {
  return db.directoryEntry.findFirst({ where: { side, userId } });
}

export async function getDirectoryEntry(
  db: Db,
  side: Side,
  scopeId: string,
  userId: string,
): Promise<DirectoryEntry | null> {
  return db.directoryEntry.findUnique({ where: { side_scopeId_userId: { side, scopeId, userId } } });
}

/** Filters of the People page. */
export const PEOPLE_FILTERS = ["linked", "unlinked", "needs_reauth", "paused", "deactivated"] as const;
export type PeopleFilter = (typeof PEOPLE_FILTERS)[number];

export interface DirectoryPersonSide {
  scopeId: string;
  userId: string;
  email: string | null;
  displayName: string;
  deactivated: boolean;
}

/** One row of the People page: a link with both accounts, or an account not linked yet. */
export interface DirectoryPerson {
  linkId: string | null;
  linkStatus: string | null;
  displayName: string;
  email: string | null;
  slack: DirectoryPersonSide | null;
  teams: DirectoryPersonSide | null;
}

interface PersonRow {
  linkId: string | null;
  linkStatus: string | null;
  displayName: string;
  email: string | null;
  sScope: string | null;
  sUser: string | null;
  sEmail: string | null;
  sName: string | null;
  sDeactivated: boolean | null;
  tScope: string | null;
  tUser: string | null;
  tEmail: string | null;
  tName: string | null;
  tDeactivated: boolean | null;
  total: bigint;
}

/**
 * Everyone the bridges know: each link (with both directory entries), then every Slack and every Entra
 * account not linked yet. One statement; search matches names, e-mails and ids.
 */
export async function listDirectoryPeople(
  db: Db,
  options: { search?: string; filter?: PeopleFilter; limit?: number; offset?: number } = {},
): Promise<{ people: DirectoryPerson[]; total: number }> {
  const search = options.search?.trim() ? `%${options.search.trim().replace(/[\\%_]/g, "\\$&")}%` : null;
  const filter = options.filter ?? null;
  const rows = await db.$queryRaw<PersonRow[]>`
    WITH s AS (SELECT * FROM "DirectoryEntry" WHERE "side" = 'slack'),
         t AS (SELECT * FROM "DirectoryEntry" WHERE "side" = 'teams'),
    people AS (
      SELECT l."id" AS "linkId", l."status"::text AS "linkStatus",
             coalesce(nullif(l."displayName", ''), s."displayName", t."displayName", '') AS "displayName",
             coalesce(l."email", s."email", t."email") AS "email",
             l."slackTeamId" AS "sScope", l."slackUserId" AS "sUser", s."email" AS "sEmail",
             s."displayName" AS "sName", coalesce(s."deactivated", false) AS "sDeactivated",
             l."tenantId" AS "tScope", l."entraUserId" AS "tUser", t."email" AS "tEmail",
             t."displayName" AS "tName", coalesce(t."deactivated", false) AS "tDeactivated"
      FROM "Link" l
      LEFT JOIN s ON s."scopeId" = l."slackTeamId" AND s."userId" = l."slackUserId"
      LEFT JOIN t ON t."scopeId" = l."tenantId" AND t."userId" = l."entraUserId"
      UNION ALL
      SELECT NULL, NULL, s."displayName", s."email", s."scopeId", s."userId", s."email", s."displayName",
             s."deactivated", NULL, NULL, NULL, NULL, NULL
      FROM s
      WHERE NOT EXISTS (SELECT 1 FROM "Link" l WHERE l."slackTeamId" = s."scopeId" AND l."slackUserId" = s."userId")
      UNION ALL
      SELECT NULL, NULL, t."displayName", t."email", NULL, NULL, NULL, NULL, NULL, t."scopeId", t."userId",
             t."email", t."displayName", t."deactivated"
      FROM t
      WHERE NOT EXISTS (SELECT 1 FROM "Link" l WHERE l."tenantId" = t."scopeId" AND l."entraUserId" = t."userId")
    )
    SELECT *, count(*) OVER () AS "total"
    FROM people
    WHERE (${search}::text IS NULL
           OR "displayName" ILIKE ${search} OR "email" ILIKE ${search} OR "sEmail" ILIKE ${search}
           OR "tEmail" ILIKE ${search} OR "sUser" ILIKE ${search} OR "tUser" ILIKE ${search})
      AND CASE ${filter}::text
            WHEN 'linked' THEN "linkId" IS NOT NULL
            WHEN 'unlinked' THEN "linkId" IS NULL
            WHEN 'needs_reauth' THEN "linkStatus" = 'needs_reauth'
            WHEN 'paused' THEN "linkStatus" = 'paused'
            WHEN 'deactivated' THEN "sDeactivated" OR "tDeactivated"
            ELSE true
          END
    ORDER BY lower("displayName"), "email", "linkId", "sUser", "tUser"
    LIMIT ${Math.min(options.limit ?? 50, 500)} OFFSET ${options.offset ?? 0}`;
  const side = (
    scope: string | null,
    user: string | null,
    email: string | null,
    name: string | null,
    off: boolean | null,
  ) =>
    scope && user
      ? { scopeId: scope, userId: user, email, displayName: name ?? "", deactivated: off === true }
      : null;
  return {
    total: Number(rows[0]?.total ?? 0),
    people: rows.map((r) => ({
      linkId: r.linkId,
      linkStatus: r.linkStatus,
      displayName: r.displayName,
      email: r.email,
      slack: side(r.sScope, r.sUser, r.sEmail, r.sName, r.sDeactivated),
      teams: side(r.tScope, r.tUser, r.tEmail, r.tName, r.tDeactivated),
    })),
  };
}

/** Every directory entry (for planning automatic linking). */
export async function listDirectoryEntries(db: Db): Promise<DirectoryEntry[]> {
  return db.directoryEntry.findMany({ orderBy: [{ side: "asc" }, { scopeId: "asc" }, { userId: "asc" }] });
}
