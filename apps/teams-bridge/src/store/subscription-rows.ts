import type { Db, GraphServiceAccount, GraphSubscription } from "@presence/db";

/*
 * The Teams bridge's own tables for notify mode: service accounts (GraphServiceAccount) and the presence
 * subscriptions they hold (GraphSubscription). Only this folder queries them in the bridge.
 */

/** A tenant's service accounts that can hold a subscription, oldest first. */
export async function listActiveServiceAccounts(db: Db, tenantId: string): Promise<GraphServiceAccount[]> {
  return db.graphServiceAccount.findMany({
    where: { tenantId, status: "active" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

export async function getServiceAccount(
  db: Db,
  tenantId: string,
  userId: string,
): Promise<GraphServiceAccount | null> {
  return db.graphServiceAccount.findUnique({ where: { tenantId_userId: { tenantId, userId } } });
}

/** The people an account's subscription is for. */
export async function assignServiceAccountPeople(
  db: Db,
  id: string,
  userIds: readonly string[],
): Promise<void> {
  await db.graphServiceAccount.update({ where: { id }, data: { userIds: [...userIds] } });
}

/** An account that must be signed in again: it covers nobody meanwhile, and its subscription goes. */
export async function markServiceAccountNeedsReauth(
  db: Db,
  account: Pick<GraphServiceAccount, "id" | "tenantId" | "userId">,
  reason: string,
): Promise<void> {
  await db.graphServiceAccount.update({
    where: { id: account.id },
    data: { status: "needs_reauth", statusReason: reason, userIds: [] },
  });
  await db.graphSubscription.deleteMany({
    where: { tenantId: account.tenantId, accountUserId: account.userId },
  });
}

/** Subscriptions whose account is no longer active are forgotten (their people are polled or reassigned). */
export async function deleteSubscriptionsOfInactiveAccounts(db: Db, tenantId: string): Promise<void> {
  const active = await db.graphServiceAccount.findMany({
    where: { tenantId, status: "active" },
    select: { userId: true },
  });
  await db.graphSubscription.deleteMany({
    where: { tenantId, accountUserId: { notIn: active.map((a) => a.userId) } },
  });
}

export async function getSubscription(db: Db, id: string): Promise<GraphSubscription | null> {
  return db.graphSubscription.findUnique({ where: { id } });
}

export async function listTenantSubscriptions(db: Db, tenantId: string): Promise<GraphSubscription[]> {
  return db.graphSubscription.findMany({ where: { tenantId } });
}

/** The subscription a service account holds (Graph allows one presence subscription per user per app). */
export async function findAccountSubscription(
  db: Db,
  account: Pick<GraphServiceAccount, "tenantId" | "userId">,
): Promise<GraphSubscription | null> {
  return db.graphSubscription.findFirst({
    where: { tenantId: account.tenantId, accountUserId: account.userId },
  });
}

export type NewSubscription = Pick<
  GraphSubscription,
  "id" | "tenantId" | "accountUserId" | "resource" | "userIds" | "clientStateHash" | "expiresAt" | "grantedAt"
> & { lastCheckedAt: Date };

export async function saveNewSubscription(db: Db, row: NewSubscription): Promise<GraphSubscription> {
  return db.graphSubscription.create({ data: row });
}

/** What Graph said of a subscription when it was renewed, reauthorized or checked. */
export async function recordSubscriptionSeen(
  db: Db,
  id: string,
  seen: { expiresAt: Date; grantedAt?: Date; lastCheckedAt: Date },
): Promise<GraphSubscription> {
  return db.graphSubscription.update({ where: { id }, data: seen });
}

/** Forgets a subscription (deleteMany: it may be gone already). */
export async function forgetSubscription(db: Db, id: string): Promise<void> {
  await db.graphSubscription.deleteMany({ where: { id } });
}

/** Subscriptions by id, compared case-insensitively (Graph's notifications may change the case). */
export async function findSubscriptionsByIds(db: Db, ids: readonly string[]): Promise<GraphSubscription[]> {
  return db.graphSubscription.findMany({ where: { id: { in: [...ids], mode: "insensitive" } } });
}

/** A tenant's subscriptions whose expiry is still ahead. */
export async function listLiveSubscriptions(
  db: Db,
  tenantId: string,
  now: Date,
): Promise<GraphSubscription[]> {
  return db.graphSubscription.findMany({ where: { tenantId, expiresAt: { gt: now } } });
}

/** A service account that has just signed in (again): active, with its current name and MSAL account. */
export async function saveSignedInServiceAccount(
  db: Db,
  who: { tenantId: string; userId: string; userPrincipalName: string; homeAccountId: string },
): Promise<void> {
  await db.graphServiceAccount.upsert({
    where: { tenantId_userId: { tenantId: who.tenantId, userId: who.userId } },
    create: who,
    update: {
      userPrincipalName: who.userPrincipalName,
      homeAccountId: who.homeAccountId,
      status: "active",
      statusReason: "",
    },
  });
}
