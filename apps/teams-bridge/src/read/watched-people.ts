import type { Db } from "@presence/db";

import type { ReadMode } from "../teams-settings.ts";

/** The people whose Teams presence matters: everyone linked in this tenant, except disabled links. */
export async function linkedPeople(db: Db, tenantId: string): Promise<string[]> {
  const links = await db.link.findMany({
    where: { tenantId, status: { not: "disabled" } },
    select: { entraUserId: true },
    orderBy: { entraUserId: "asc" },
  });
  return links.map((link) => link.entraUserId.toLowerCase());
}

/** Records the tenant (once) so its read mode can be set per tenant. */
export async function ensureTenant(db: Db, tenantId: string): Promise<void> {
  await db.entraTenant.upsert({ where: { tenantId }, create: { tenantId }, update: {} });
}

/** The tenant's read mode: its own setting, else GRAPH_READ_MODE. */
export async function readModeOf(db: Db, tenantId: string, fallback: ReadMode): Promise<ReadMode> {
  const tenant = await db.entraTenant.findUnique({ where: { tenantId }, select: { readMode: true } });
  return tenant?.readMode === "poll" || tenant?.readMode === "notify" ? tenant.readMode : fallback;
}

/**
 * The people a live subscription covers (its account active and its expiry ahead): they are read
 * by notification plus the reconciliation poll; everyone else linked falls back to polling.
 */
export async function coveredPeople(db: Db, tenantId: string, now: number): Promise<Set<string>> {
  const subscriptions = await db.graphSubscription.findMany({
    where: { tenantId, expiresAt: { gt: new Date(now) } },
    select: { userIds: true, accountUserId: true },
  });
  const active = new Set(
    (
      await db.graphServiceAccount.findMany({
        where: { tenantId, status: "active" },
        select: { userId: true },
      })
    ).map((a) => a.userId),
  );
  return new Set(
    subscriptions
      .filter((s) => active.has(s.accountUserId))
      .flatMap((s) => s.userIds.map((id) => id.toLowerCase())),
  );
}
