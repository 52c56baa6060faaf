import {
  BridgeError,
  effectivePolicy,
  ZLinkPolicyOverrides,
  ZSlackHold,
  ZSlackView,
  ZTeamsHold,
  ZTeamsView,
  ZOutlookView,
  ZPublishedHold,
  ZWebhookView,
  type BridgeSettings,
  type PublishedHold,
  type WebhookRecord,
  type WebhookView,
  type ObservedRecord,
  type OutlookView,
  type LinkSnapshot,
  type SideRecord,
  type Side,
  type Expectation,
  type PendingExpectation,
  type Spoke,
  type SyncEventDraft,
} from "@presence/core";
import { z } from "zod";

import type { Db } from "../client.ts";
import { Prisma, type Link, type LinkSide } from "../generated/prisma/client.ts";
import { addExpectationsSql } from "./expectations.ts";
import { oneStatement } from "./one-statement.ts";
import { appendSyncEventsSql } from "./sync-events.ts";

const ZVersions = z.record(z.string(), z.string());

/** Takes the link's row lock for the rest of the transaction: decisions for one link are serialised. */
export async function lockLink(tx: Db, linkId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Link" WHERE "id" = ${linkId} FOR UPDATE`;
}

interface SnapshotRow {
  id: string;
  status: Link["status"];
  pausedUntil: Date | null;
  direction: Link["direction"];
  policy: unknown;
  side: Side;
  view: unknown;
  versions: unknown;
  hold: unknown;
  written: unknown;
  attempted: unknown;
}

/**
 * The link with both sides, as the pure core sees it. (The pipeline's hot path: one SQL statement;
 * Prisma's generated queries cost several times more per call.)
 */
export async function loadLinkSnapshot(
  db: Db,
  linkId: string,
  settings: BridgeSettings,
): Promise<LinkSnapshot | null> {
  const rows = await db.$queryRaw<SnapshotRow[]>`
    SELECT l."id", l."status", l."pausedUntil", l."direction", l."policy",
           s."side", s."view", s."versions", s."hold", s."written", s."attempted"
    FROM "Link" l JOIN "LinkSide" s ON s."linkId" = l."id"
    WHERE l."id" = ${linkId}`;
  const first = rows[0];
  if (!first) return null;
  return toSnapshot(first, rows, settings);
}

/** Everything decide() reads about one link from the store (see loadDecisionState). */
export interface DecisionState {
  link: LinkSnapshot;
  /** Unexpired expectations (as pendingExpectations). */
  expectations: PendingExpectation[];
  /** Writes recorded since `writesSince` (as countRecentWrites): the flap breaker's input. */
  recentWrites: number;
}

interface DecisionStateRow {
  id: string;
  status: Link["status"];
  pausedUntil: Date | null;
  direction: Link["direction"];
  policy: unknown;
  sides: SnapshotSideJson[] | null;
  expectations: PendingExpectation[];
  recentWrites: bigint;
}

type SnapshotSideJson = { side: Side } & Record<
  "view" | "versions" | "hold" | "written" | "attempted",
  unknown
>;

/**
 * What loadLinkSnapshot, pendingExpectations and countRecentWrites read, in one statement (the
 * pipeline's hot path). Call it after taking the link's row lock, in a statement of its own: a
 * statement reads the data committed when it began, so one that waited for the lock itself would
 * miss what the previous holder of the lock just stored.
 */
export async function loadDecisionState(
  db: Db,
  linkId: string,
  settings: BridgeSettings,
  nowMs: number,
): Promise<DecisionState | null> {
  const now = new Date(nowMs);
  // The flap breaker counts the writes within its window.
  const writesSince = new Date(nowMs - settings.flapWindowSeconds * 1000);
  const [row] = await db.$queryRaw<DecisionStateRow[]>`
    SELECT l."id", l."status", l."pausedUntil", l."direction", l."policy",
      (SELECT json_agg(json_build_object(
                'side', s."side", 'view', s."view", 'versions', s."versions", 'hold', s."hold",
                'written', s."written", 'attempted', s."attempted"))
         FROM "LinkSide" s WHERE s."linkId" = l."id") AS "sides",
      (SELECT coalesce(json_agg(json_build_object(
                'side', e."side", 'facet', e."facet", 'fingerprint', e."fingerprint",
                'expiresAt', (extract(epoch FROM e."expiresAt") * 1000)::bigint)), '[]'::json)
         FROM "WriteExpectation" e
         WHERE e."linkId" = l."id" AND e."expiresAt" > ${now}::timestamp) AS "expectations",
      (SELECT count(*) FROM "SyncEvent" w
         WHERE w."linkId" = l."id" AND w."kind" = 'written' AND w."at" >= ${writesSince}::timestamp) AS "recentWrites"
    FROM "Link" l WHERE l."id" = ${linkId}`;
  // Like loadLinkSnapshot: no link, or no side records (a link always has them), is no snapshot.
  if (!row?.sides) return null;
  return {
    link: toSnapshot(row, row.sides, settings),
    expectations: row.expectations,
    recentWrites: Number(row.recentWrites),
  };
}

type SnapshotLink = Pick<Link, "id" | "status" | "pausedUntil" | "direction" | "policy">;
type SnapshotSide = Pick<LinkSide, "side" | "view" | "versions" | "hold" | "written" | "attempted">;

export function toSnapshot(
  link: Omit<SnapshotLink, "policy"> & { policy: unknown },
  sides: readonly (Omit<SnapshotSide, "view" | "versions" | "hold" | "written" | "attempted"> &
    Record<"view" | "versions" | "hold" | "written" | "attempted", unknown>)[],
  settings: BridgeSettings,
): LinkSnapshot {
  const slack = sides.find((s) => s.side === "slack");
  const teams = sides.find((s) => s.side === "teams");
  if (!slack || !teams) throw new BridgeError("internal", `Link ${link.id} lacks a side record`);
  // The Outlook record is created by the first Outlook observation.
  const outlook = sides.find((s) => s.side === "outlook");
  // So is the webhook record, by the first report or published state.
  const webhook = sides.find((s) => s.side === "webhook");
  return {
    id: link.id,
    status: link.status,
    pausedUntil: link.pausedUntil?.getTime() ?? null,
    direction: link.direction,
    policy: effectivePolicy(settings, ZLinkPolicyOverrides.parse(link.policy)),
    slack: {
      view: ZSlackView.parse(slack.view),
      versions: ZVersions.parse(slack.versions),
      hold: ZSlackHold.parse(slack.hold),
      written: ZSlackHold.parse(slack.written),
      attempted: ZSlackHold.parse(slack.attempted),
    },
    teams: {
      view: ZTeamsView.parse(teams.view),
      versions: ZVersions.parse(teams.versions),
      hold: ZTeamsHold.parse(teams.hold),
      written: ZTeamsHold.parse(teams.written),
      attempted: ZTeamsHold.parse(teams.attempted),
    },
    outlook: outlook
      ? { view: ZOutlookView.parse(outlook.view), versions: ZVersions.parse(outlook.versions) }
      : { view: {}, versions: {} },
    webhook: webhook
      ? {
          view: ZWebhookView.parse(webhook.view),
          versions: ZVersions.parse(webhook.versions),
          hold: ZPublishedHold.parse(webhook.hold),
        }
      : { view: {}, versions: {}, hold: {} },
  };
}

/** Stores the webhook record: systems' reports and the published state (created on first use). */
export async function saveWebhookSide(
  db: Db,
  linkId: string,
  record: WebhookRecord,
  observedAt: Date | null,
): Promise<void> {
  await db.$executeRaw(webhookSideSql(linkId, record, observedAt));
}

function webhookSideSql(linkId: string, record: WebhookRecord, observedAt: Date | null): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "LinkSide" ("linkId", "side", "view", "versions", "hold", "observedAt", "updatedAt")
    VALUES (${linkId}, 'webhook'::"Side", ${JSON.stringify(record.view)}::jsonb,
            ${JSON.stringify(record.versions)}::jsonb, ${JSON.stringify(record.hold)}::jsonb,
            ${observedAt}::timestamp, now())
    ON CONFLICT ("linkId", "side") DO UPDATE SET
      "view" = EXCLUDED."view", "versions" = EXCLUDED."versions", "hold" = EXCLUDED."hold",
      "observedAt" = COALESCE(EXCLUDED."observedAt", "LinkSide"."observedAt"), "updatedAt" = now()`;
}

/** The webhook record of a link (what systems reported; the published state), or null before its first use. */
export async function loadWebhookSide(
  db: Db,
  linkId: string,
): Promise<{ hold: PublishedHold; view: WebhookView } | null> {
  const [row] = await db.$queryRaw<{ view: unknown; hold: unknown }[]>`
    SELECT "view", "hold" FROM "LinkSide" WHERE "linkId" = ${linkId} AND "side" = 'webhook'::"Side"`;
  if (!row) return null;
  return { hold: ZPublishedHold.parse(row.hold), view: ZWebhookView.parse(row.view) };
}

/** Stores the Outlook record (created by its first observation; the bridge holds nothing there). */
export async function saveOutlookSide(
  db: Db,
  linkId: string,
  record: ObservedRecord<OutlookView>,
  observedAt: Date,
): Promise<void> {
  await db.$executeRaw(outlookSideSql(linkId, record, observedAt));
}

function outlookSideSql(linkId: string, record: ObservedRecord<OutlookView>, observedAt: Date): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "LinkSide" ("linkId", "side", "view", "versions", "observedAt", "updatedAt")
    VALUES (${linkId}, 'outlook'::"Side", ${JSON.stringify(record.view)}::jsonb,
            ${JSON.stringify(record.versions)}::jsonb, ${observedAt}::timestamp, now())
    ON CONFLICT ("linkId", "side") DO UPDATE SET
      "view" = EXCLUDED."view", "versions" = EXCLUDED."versions",
      "observedAt" = EXCLUDED."observedAt", "updatedAt" = now()`;
}

export interface SideUpdate {
  record: SideRecord<object, object>;
  observedAt?: Date;
  writtenAt?: Date;
  heldUntil?: Date | null;
}

/** Stores one side's record (one SQL statement: the pipeline's hot path). */
export async function saveSide(db: Db, linkId: string, side: Side, update: SideUpdate): Promise<void> {
  await db.$executeRaw(sideSql(linkId, side, update));
}

function sideSql(linkId: string, side: Side, update: SideUpdate): Prisma.Sql {
  const { record } = update;
  const setHeld = update.heldUntil !== undefined;
  return Prisma.sql`
    UPDATE "LinkSide" SET
      "view" = ${JSON.stringify(record.view)}::jsonb,
      "versions" = ${JSON.stringify(record.versions)}::jsonb,
      "hold" = ${JSON.stringify(record.hold)}::jsonb,
      "written" = ${JSON.stringify(record.written)}::jsonb,
      "attempted" = ${JSON.stringify(record.attempted)}::jsonb,
      "observedAt" = COALESCE(${update.observedAt ?? null}::timestamp, "observedAt"),
      "writtenAt" = COALESCE(${update.writtenAt ?? null}::timestamp, "writtenAt"),
      "heldUntil" = CASE WHEN ${setHeld} THEN ${update.heldUntil ?? null}::timestamp ELSE "heldUntil" END,
      "updatedAt" = now()
    WHERE "linkId" = ${linkId} AND "side" = ${side}::"Side"`;
}

/** What one step of the pipeline changes about a link; saveLinkChanges stores it in one statement. */
export interface LinkChanges {
  /** Slack and Teams records to store (each side at most once). */
  sides?: readonly (SideUpdate & { side: Side })[];
  outlook?: { record: ObservedRecord<OutlookView>; observedAt: Date };
  /** observedAt: null when no report came in (only the published state changed). */
  webhook?: { record: WebhookRecord; observedAt: Date | null };
  /** What a side will report after the bridge's calls (see addExpectation). */
  expectations?: { side: Spoke; list: readonly Expectation[]; expiresAt: Date };
  /** Audit events of the link (see appendSyncEvents). */
  events?: { drafts: readonly SyncEventDraft[]; correlationId: string | null };
}

/**
 * Stores a link's side records, expectations and audit events in one statement: what saveSide,
 * saveOutlookSide, saveWebhookSide, addExpectation and appendSyncEvents do, in one round trip (the
 * pipeline's hot path; see one-statement.ts). Nothing to store: no statement.
 */
export async function saveLinkChanges(db: Db, linkId: string, changes: LinkChanges): Promise<void> {
  const { outlook, webhook, expectations } = changes;
  const writes = [
    ...(changes.sides ?? []).map((update) => sideSql(linkId, update.side, update)),
    ...(outlook ? [outlookSideSql(linkId, outlook.record, outlook.observedAt)] : []),
    ...(webhook ? [webhookSideSql(linkId, webhook.record, webhook.observedAt)] : []),
    ...(expectations
      ? [addExpectationsSql(linkId, expectations.side, expectations.list, expectations.expiresAt)]
      : []),
  ].filter((write) => write !== null);
  const events = (changes.events?.drafts ?? []).map((draft) => ({ ...draft, linkId }));
  if (events.length > 0) {
    await db.$queryRaw(appendSyncEventsSql(events, changes.events?.correlationId ?? null, writes));
    return;
  }
  const statement = oneStatement(writes);
  if (statement) await db.$executeRaw(statement);
}

/** One side's record and until when the bridge's written state there lasts: what a write job works on. */
export interface StoredSide {
  record: SideRecord<object, object>;
  heldUntil: Date | null;
}

type LockedSideRow = Link &
  Record<"sideView" | "sideVersions" | "sideHold" | "sideWritten" | "sideAttempted", unknown> & {
    sideHeldUntil: Date | null;
  };

/**
 * Takes the link's row lock, and its side's, and reads both: the write step's one statement. A
 * statement sees the data committed when it began, so a lock it waits for may be released by a
 * holder whose changes it cannot see — but Postgres returns every row it locks as the newest
 * version (it re-reads a row changed meanwhile), and this statement reads only the rows it locks
 * (loadDecisionState, which reads more, must follow the lock instead). `FOR UPDATE OF l, s` locks
 * the link first, then the side: the order in which everyone takes them (no deadlock).
 */
export async function lockSide(
  db: Db,
  linkId: string,
  side: Side,
): Promise<{ link: Link; side: StoredSide } | null> {
  const [row] = await db.$queryRaw<LockedSideRow[]>`
    SELECT l.*, s."view" AS "sideView", s."versions" AS "sideVersions", s."hold" AS "sideHold",
           s."written" AS "sideWritten", s."attempted" AS "sideAttempted", s."heldUntil" AS "sideHeldUntil"
    FROM "Link" l JOIN "LinkSide" s ON s."linkId" = l."id" AND s."side" = ${side}::"Side"
    WHERE l."id" = ${linkId}
    FOR UPDATE OF l, s`;
  if (!row) return null;
  const { sideView, sideVersions, sideHold, sideWritten, sideAttempted, sideHeldUntil, ...link } = row;
  const [ZView, ZHold] = side === "slack" ? [ZSlackView, ZSlackHold] : [ZTeamsView, ZTeamsHold];
  return {
    link,
    side: {
      record: {
        view: ZView.parse(sideView),
        versions: ZVersions.parse(sideVersions),
        hold: ZHold.parse(sideHold),
        written: ZHold.parse(sideWritten),
        attempted: ZHold.parse(sideAttempted),
      },
      heldUntil: sideHeldUntil,
    },
  };
}

/** Both side records of a link (times, views, holds), as stored. */
export async function listLinkSides(db: Db, linkId: string): Promise<LinkSide[]> {
  return db.linkSide.findMany({ where: { linkId } });
}

/** Active links whose hold on `side` lapses before `until` (a refresh write is due), oldest first. */
export async function listDueHolds(db: Db, side: Side, until: Date, limit = 5000): Promise<string[]> {
  const due = await db.linkSide.findMany({
    where: { side, heldUntil: { lte: until }, link: { status: "active" } },
    select: { linkId: true },
    orderBy: { heldUntil: "asc" },
    take: limit,
  });
  return due.map((row) => row.linkId);
}
