import { listLinkedEntraUsers, type Db } from "@presence/db";

import { listActiveServiceAccounts, listLiveSubscriptions } from "../store/subscription-rows.ts";
import { getTenantReadMode } from "../store/tenant-rows.ts";
import type { ReadMode } from "../teams-settings.ts";

/** The people whose Teams presence matters: everyone linked in this tenant, except disabled links. */
export async function linkedPeople(db: Db, tenantId: string): Promise<string[]> {
  return listLinkedEntraUsers(db, tenantId);
}

/** The tenant's read mode: its own setting, else GRAPH_READ_MODE. */
export async function readModeOf(db: Db, tenantId: string, fallback: ReadMode): Promise<ReadMode> {
  const own = await getTenantReadMode(db, tenantId);
  return own === "poll" || own === "notify" ? own : fallback;
}

/**
 * The people a live subscription covers (its account active and its expiry ahead): they are read
 * by notification plus the reconciliation poll; everyone else linked falls back to polling.
 */
export async function coveredPeople(db: Db, tenantId: string, now: number): Promise<Set<string>> {
  const subscriptions = await listLiveSubscriptions(db, tenantId, new Date(now));
  const active = new Set((await listActiveServiceAccounts(db, tenantId)).map((a) => a.userId));
  return new Set(
    subscriptions
      .filter((s) => active.has(s.accountUserId))
      .flatMap((s) => s.userIds.map((id) => id.toLowerCase())),
  );
}
