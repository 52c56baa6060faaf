import {
  BridgeError,
  effectivePolicy,
  ZLinkPolicyOverrides,
  ZSlackHold,
  ZSlackView,
  ZTeamsHold,
  ZTeamsView,
  type BridgeSettings,
  type LinkSnapshot,
  type SideRecord,
  type Side,
} from "@presence/core";
import { z } from "zod";

import type { Db } from "../client.ts";
import type { Link, LinkSide } from "../generated/prisma/client.ts";
import { toJson } from "./json.ts";

const ZVersions = z.record(z.string(), z.string());

/** Takes the link's row lock for the rest of the transaction: decisions for one link are serialised. */
export async function lockLink(tx: Db, linkId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Link" WHERE "id" = ${linkId} FOR UPDATE`;
}

/** The link with both sides, as the pure core sees it. */
export async function loadLinkSnapshot(
  db: Db,
  linkId: string,
  settings: BridgeSettings,
): Promise<LinkSnapshot | null> {
  const link = await db.link.findUnique({ where: { id: linkId }, include: { sides: true } });
  if (!link) return null;
  return toSnapshot(link, link.sides, settings);
}

export function toSnapshot(link: Link, sides: readonly LinkSide[], settings: BridgeSettings): LinkSnapshot {
  const slack = sides.find((s) => s.side === "slack");
  const teams = sides.find((s) => s.side === "teams");
  if (!slack || !teams) throw new BridgeError("internal", `Link ${link.id} lacks a side record`);
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
  };
}

export interface SideUpdate {
  record: SideRecord<object, object>;
  observedAt?: Date;
  writtenAt?: Date;
  heldUntil?: Date | null;
}

/** Stores one side's record. */
export async function saveSide(db: Db, linkId: string, side: Side, update: SideUpdate): Promise<void> {
  await db.linkSide.update({
    where: { linkId_side: { linkId, side } },
    data: {
      view: toJson(update.record.view),
      versions: toJson(update.record.versions),
      hold: toJson(update.record.hold),
      written: toJson(update.record.written),
      attempted: toJson(update.record.attempted),
      ...(update.observedAt ? { observedAt: update.observedAt } : {}),
      ...(update.writtenAt ? { writtenAt: update.writtenAt } : {}),
      ...(update.heldUntil !== undefined ? { heldUntil: update.heldUntil } : {}),
    },
  });
}
