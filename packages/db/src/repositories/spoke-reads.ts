import type { Db } from "../client.ts";
import type { GraphServiceAccount, SlackInstallation } from "../generated/prisma/client.ts";

/*
 * Read-only views of the spokes' own tables for the admin app (its `doctor` and sign-in), which depends on
 * neither bridge. The bridges write these tables only through their own `store/` folders.
 */

/** The Slack app's own installations (workspace or org-wide), oldest first. */
export async function listSlackAppInstallations(db: Db): Promise<SlackInstallation[]> {
  return db.slackInstallation.findMany({ where: { userId: "" }, orderBy: { createdAt: "asc" } });
}

/** The people who connected their Slack account under one installation, with what they granted. */
export async function listSlackPersonGrants(
  db: Db,
  scope: { enterpriseId: string; teamId: string },
): Promise<Pick<SlackInstallation, "userId" | "data">[]> {
  return db.slackInstallation.findMany({
    where: { enterpriseId: scope.enterpriseId, teamId: scope.teamId, userId: { not: "" } },
    select: { userId: true, data: true },
  });
}

/** Whether the bridge knows this Slack workspace or org (the app is installed there, or a sync saw it). */
export async function isKnownSlackWorkspace(db: Db, teamOrEnterpriseId: string): Promise<boolean> {
  const installed = await db.slackInstallation.findFirst({
    where: { OR: [{ teamId: teamOrEnterpriseId }, { enterpriseId: teamOrEnterpriseId }] },
    select: { id: true },
  });
  if (installed) return true;
  return (await db.slackWorkspace.findUnique({ where: { teamId: teamOrEnterpriseId } })) !== null;
}

/** Every notify-mode service account, oldest first. */
export async function listAllGraphServiceAccounts(db: Db): Promise<GraphServiceAccount[]> {
  return db.graphServiceAccount.findMany({ orderBy: { createdAt: "asc" } });
}

/** A tenant's own Graph read mode setting, or null when it has none (or the tenant is unknown). */
export async function findTenantReadMode(db: Db, tenantId: string): Promise<string | null> {
  const tenant = await db.entraTenant.findUnique({ where: { tenantId }, select: { readMode: true } });
  return tenant?.readMode ?? null;
}
