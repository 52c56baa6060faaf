import {
  BridgeError,
  ZDirection,
  ZEmail,
  ZEntraId,
  ZLinkPolicyOverrides,
  ZSlackTeamId,
  ZSlackUserId,
  parseInput,
  type Direction,
  type LinkPolicyOverrides,
  type LinkStatus,
} from "@presence/core";
import { z } from "zod";

import type { Db } from "../client.ts";
import { classified } from "../errors/classify-db-error.ts";
import { Prisma, type Link } from "../generated/prisma/client.ts";
import { toJson } from "./json.ts";

export const ZCreateLinkInput = z.object({
  slackTeamId: ZSlackTeamId,
  slackUserId: ZSlackUserId,
  tenantId: ZEntraId,
  entraUserId: ZEntraId,
  email: ZEmail.nullish(),
  displayName: z.string().max(200).default(""),
  direction: ZDirection.default("both"),
  policy: ZLinkPolicyOverrides.default({}),
});
export type CreateLinkInput = z.input<typeof ZCreateLinkInput>;

/** Creates a link and its two side records. Fails with `conflict` when either account is already linked. */
export async function createLink(db: Db, input: CreateLinkInput): Promise<Link> {
  const data = parseInput(ZCreateLinkInput, input, "Invalid link");
  const existing = await db.link.findFirst({
    where: {
      OR: [
        { slackTeamId: data.slackTeamId, slackUserId: data.slackUserId },
        { tenantId: data.tenantId, entraUserId: data.entraUserId },
      ],
    },
  });
  if (existing) {
    const which =
      existing.slackUserId === data.slackUserId && existing.slackTeamId === data.slackTeamId
        ? "Slack"
        : "Microsoft";
    throw new BridgeError("conflict", `That ${which} account is already linked (link ${existing.id})`, {
      details: { linkId: existing.id },
    });
  }
  // Two callers linking the same account at once both pass the check above: the unique index decides.
  return classified("Linking these accounts", () =>
    db.link.create({
      data: {
        ...data,
        email: data.email ?? null,
        policy: toJson(data.policy),
        sides: { create: [{ side: "slack" }, { side: "teams" }] },
      },
    }),
  );
}

// Lookups on the pipeline's hot path are single SQL statements (Prisma's generated queries cost
// several times more per call).

export interface LinkLookupOptions {
  /**
   * Also take the link's row lock for the rest of the transaction, as lockLink does: the pipeline finds
   * and locks a link in one round trip. The row returned is then its newest version.
   */
  lock?: boolean;
}

function rowLock(options: LinkLookupOptions): Prisma.Sql {
  return options.lock ? Prisma.sql`FOR UPDATE` : Prisma.empty;
}

export async function getLink(db: Db, id: string): Promise<Link | null> {
  const [link] = await db.$queryRaw<Link[]>`SELECT * FROM "Link" WHERE "id" = ${id}`;
  return link ?? null;
}

export async function findLinkBySlack(
  db: Db,
  slackTeamId: string,
  slackUserId: string,
  options: LinkLookupOptions = {},
): Promise<Link | null> {
  const [link] = await db.$queryRaw<Link[]>`
    SELECT * FROM "Link" WHERE "slackTeamId" = ${slackTeamId} AND "slackUserId" = ${slackUserId}
    ${rowLock(options)}`;
  return link ?? null;
}

export async function findLinkByEntra(
  db: Db,
  tenantId: string,
  entraUserId: string,
  options: LinkLookupOptions = {},
): Promise<Link | null> {
  const [link] = await db.$queryRaw<Link[]>`
    SELECT * FROM "Link" WHERE "tenantId" = ${tenantId} AND "entraUserId" = ${entraUserId.toLowerCase()}
    ${rowLock(options)}`;
  return link ?? null;
}

/**
 * The link of the person with this e-mail (how connected systems name people; e-mails are stored
 * lower-case). Disabled links do not count; of several, the oldest.
 */
export async function findLinkByEmail(
  db: Db,
  email: string,
  options: LinkLookupOptions = {},
): Promise<Link | null> {
  const [link] = await db.$queryRaw<Link[]>`
    SELECT * FROM "Link" WHERE "email" = ${email.toLowerCase()} AND "status" <> 'disabled'
    ORDER BY "createdAt" LIMIT 1 ${rowLock(options)}`;
  return link ?? null;
}

export interface ListLinksOptions {
  status?: LinkStatus;
  /** Matches e-mail, display name, Slack or Entra user id. */
  search?: string;
  limit?: number;
  offset?: number;
}

export async function listLinks(db: Db, options: ListLinksOptions = {}): Promise<Link[]> {
  const search = options.search?.trim();
  return db.link.findMany({
    where: {
      ...(options.status ? { status: options.status } : {}),
      ...(search
        ? {
            OR: [
              { email: { contains: search, mode: "insensitive" } },
              { displayName: { contains: search, mode: "insensitive" } },
              { slackUserId: search },
              { entraUserId: search.toLowerCase() },
            ],
          }
        : {}),
    },
    orderBy: [{ displayName: "asc" }, { createdAt: "asc" }],
    take: Math.min(options.limit ?? 100, 1000),
    skip: options.offset ?? 0,
  });
}

/** Links of these Slack users in these workspaces (a user id names a person within one team). */
export async function listLinksOfSlackUsers(
  db: Db,
  teamIds: readonly string[],
  userIds: readonly string[],
): Promise<Link[]> {
  return db.link.findMany({
    where: { slackTeamId: { in: [...teamIds] }, slackUserId: { in: [...userIds] } },
  });
}

/** Every link in these Slack workspaces that is not disabled. */
export async function listLinksInSlackTeams(db: Db, teamIds: readonly string[]): Promise<Link[]> {
  return db.link.findMany({ where: { slackTeamId: { in: [...teamIds] }, status: { not: "disabled" } } });
}

/** Lower-cased Entra ids of everyone linked in a tenant, except disabled links (whose Teams presence matters). */
export async function listLinkedEntraUsers(db: Db, tenantId: string): Promise<string[]> {
  const links = await db.link.findMany({
    where: { tenantId, status: { not: "disabled" } },
    select: { entraUserId: true },
    orderBy: { entraUserId: "asc" },
  });
  return links.map((link) => link.entraUserId.toLowerCase());
}

/** The Slack account of every active link (what a full re-read of the Slack side covers). */
export async function listActiveSlackAccounts(
  db: Db,
): Promise<{ slackTeamId: string; slackUserId: string }[]> {
  return db.link.findMany({
    where: { status: "active" },
    select: { slackTeamId: true, slackUserId: true },
    orderBy: { createdAt: "asc" },
  });
}

export async function countLinks(db: Db): Promise<Record<LinkStatus, number>> {
  const groups = await db.link.groupBy({ by: ["status"], _count: { _all: true } });
  const counts: Record<LinkStatus, number> = { active: 0, paused: 0, needs_reauth: 0, disabled: 0 };
  for (const group of groups) counts[group.status] = group._count._all;
  return counts;
}

export interface LinkStatusChange {
  status: LinkStatus;
  reason?: string;
  pausedUntil?: Date | null;
}

export async function setLinkStatus(db: Db, id: string, change: LinkStatusChange): Promise<Link> {
  return db.link.update({
    where: { id },
    data: {
      status: change.status,
      statusReason: change.reason ?? "",
      pausedUntil: change.pausedUntil ?? null,
    },
  });
}

export async function updateLinkSettings(
  db: Db,
  id: string,
  change: { direction?: Direction; policy?: LinkPolicyOverrides },
): Promise<Link> {
  const direction = change.direction === undefined ? undefined : parseInput(ZDirection, change.direction);
  const policy = change.policy === undefined ? undefined : parseInput(ZLinkPolicyOverrides, change.policy);
  return db.link.update({
    where: { id },
    data: { ...(direction ? { direction } : {}), ...(policy ? { policy: toJson(policy) } : {}) },
  });
}

export async function deleteLink(db: Db, id: string): Promise<void> {
  await db.link.delete({ where: { id } });
}

/** Resumes links whose pause ended; returns their ids. */
export async function resumeDuePausedLinks(db: Db, now: Date): Promise<string[]> {
  const due = await db.link.findMany({
    where: { status: "paused", pausedUntil: { lte: now } },
    select: { id: true },
  });
  if (due.length === 0) return [];
  await db.link.updateMany({
    where: { id: { in: due.map((l) => l.id) }, status: "paused" },
    data: { status: "active", statusReason: "", pausedUntil: null },
  });
  return due.map((l) => l.id);
}

export interface BulkLinkInput {
  slackTeamId: string;
  slackUserId: string;
  tenantId: string;
  entraUserId: string;
  email: string;
  displayName: string;
}

/**
 * Creates many links at once (automatic linking), with their side records, in one statement. An
 * account that is already linked is skipped, not an error; returns the links created.
 */
export async function createLinksInBulk(
  db: Db,
  inputs: readonly BulkLinkInput[],
  bulkRunId: string,
): Promise<{ id: string; email: string | null }[]> {
  if (inputs.length === 0) return [];
  return db.$queryRaw<{ id: string; email: string | null }[]>`
    WITH input AS (
      SELECT * FROM unnest(
        ${inputs.map((i) => i.slackTeamId)}::text[], ${inputs.map((i) => i.slackUserId)}::text[],
        ${inputs.map((i) => i.tenantId.toLowerCase())}::text[], ${inputs.map((i) => i.entraUserId.toLowerCase())}::text[],
        ${inputs.map((i) => i.email.toLowerCase())}::text[], ${inputs.map((i) => i.displayName.slice(0, 200))}::text[]
      ) AS i(team_id, slack_user_id, tenant_id, entra_user_id, email, display_name)
    ),
    created AS (
      INSERT INTO "Link" ("id", "slackTeamId", "slackUserId", "tenantId", "entraUserId", "email", "displayName",
                          "bulkRunId", "updatedAt")
      SELECT gen_random_uuid()::text, team_id, slack_user_id, tenant_id, entra_user_id, email, display_name,
             ${bulkRunId}, now()
      FROM input
      ON CONFLICT DO NOTHING
      RETURNING "id", "email"
    ),
    sides AS (
      INSERT INTO "LinkSide" ("linkId", "side", "updatedAt")
      SELECT created."id", side::"Side", now() FROM created CROSS JOIN unnest(ARRAY['slack', 'teams']) AS side
    )
    SELECT "id", "email" FROM created`;
}
