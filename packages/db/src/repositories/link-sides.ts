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
} from "@presence/core";
import { z } from "zod";

import type { Db } from "../client.ts";
import type { Link, LinkSide } from "../generated/prisma/client.ts";

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
  await db.$executeRaw`
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
  await db.$executeRaw`
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
  const { record } = update;
  const setHeld = update.heldUntil !== undefined;
  await db.$executeRaw`
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

/** One side's record (without the link), e.g. for the write step. */
export async function loadSideRecord(
  db: Db,
  linkId: string,
  side: Side,
): Promise<SideRecord<object, object> | null> {
  const [row] = await db.$queryRaw<Record<"view" | "versions" | "hold" | "written" | "attempted", unknown>[]>`
    SELECT "view", "versions", "hold", "written", "attempted" FROM "LinkSide"
    WHERE "linkId" = ${linkId} AND "side" = ${side}::"Side"`;
  if (!row) return null;
  const [ZView, ZHold] = side === "slack" ? [ZSlackView, ZSlackHold] : [ZTeamsView, ZTeamsHold];
  return {
    view: ZView.parse(row.view),
    versions: ZVersions.parse(row.versions),
    hold: ZHold.parse(row.hold),
    written: ZHold.parse(row.written),
    attempted: ZHold.parse(row.attempted),
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
