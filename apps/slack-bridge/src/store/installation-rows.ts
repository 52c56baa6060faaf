import { slackOwner, type Db, type SlackInstallation } from "@presence/db";

/** Credential kinds of Slack secrets (Credential.kind). */
export const CREDENTIAL = {
  bot: "slack_bot",
  botRefresh: "slack_bot_refresh",
  user: "slack_user",
  userRefresh: "slack_user_refresh",
} as const;

/**
 * Where an installation's secrets are filed: a workspace install under its team, an org-wide
 * (Enterprise Grid) install under its enterprise; a person's under that plus their user id.
 */
export function credentialOwner(row: Pick<SlackInstallation, "enterpriseId" | "teamId" | "userId">): string {
  return slackOwner(row.teamId || row.enterpriseId, row.userId || undefined);
}

/**
 * The app's installation serving a workspace: its own, or its org's org-wide install (the org the
 * bridge has seen the workspace in: install, directory sync). One query.
 */
export async function findWorkspaceInstallation(db: Db, teamId: string): Promise<SlackInstallation | null> {
  const [row] = await db.$queryRaw<SlackInstallation[]>`
    SELECT i.* FROM "SlackInstallation" i
    WHERE i."userId" = '' AND (i."teamId" = ${teamId} OR (
      i."teamId" = '' AND i."isEnterpriseInstall" AND i."enterpriseId" =
        (SELECT w."enterpriseId" FROM "SlackWorkspace" w WHERE w."teamId" = ${teamId})))
    ORDER BY i."teamId" DESC
    LIMIT 1`;
  return row ?? null;
}

/** A person's own authorization (user token), in their workspace or through their org. One query. */
export async function findPersonInstallation(
  db: Db,
  teamId: string,
  userId: string,
): Promise<SlackInstallation | null> {
  // Slack user ids are unique across an Enterprise Grid org (W…), so the org-level row is theirs; their
  // workspace's own row ("" sorts last) wins.
  return db.slackInstallation.findFirst({
    where: { userId, OR: [{ teamId }, { teamId: "", isEnterpriseInstall: true }] },
    orderBy: { teamId: "desc" },
  });
}

type InstallationScope = { enterpriseId: string; teamId: string };

/**
 * Installations in a scope (a workspace of any org, or an org's org-wide rows), optionally only these
 * users' ("" = the app's own).
 */
export async function listInstallations(
  db: Db,
  scope: { teamId: string; enterpriseId?: string },
  userIds?: readonly string[],
): Promise<SlackInstallation[]> {
  return db.slackInstallation.findMany({
    where: {
      teamId: scope.teamId,
      ...(scope.enterpriseId === undefined ? {} : { enterpriseId: scope.enterpriseId }),
      ...(userIds ? { userId: { in: [...userIds] } } : {}),
    },
  });
}

/** The app's own installations (one per workspace, or per org for org-wide installs). */
export async function listAppInstallations(db: Db): Promise<InstallationScope[]> {
  return db.slackInstallation.findMany({
    where: { userId: "" },
    select: { enterpriseId: true, teamId: true },
  });
}

/** The app's installation for exactly this workspace or org-wide scope. */
export async function getAppInstallation(
  db: Db,
  scope: InstallationScope,
): Promise<SlackInstallation | null> {
  return db.slackInstallation.findUnique({ where: { enterpriseId_teamId_userId: { ...scope, userId: "" } } });
}

/** The org-wide installation of an Enterprise Grid org, if the app has one. */
export async function findOrgInstallation(db: Db, enterpriseId: string): Promise<SlackInstallation | null> {
  return db.slackInstallation.findFirst({ where: { enterpriseId, teamId: "", userId: "" } });
}

/** Deletes installation rows (deleteMany: a concurrent revocation may be deleting the same rows). */
export async function deleteInstallations(db: Db, ids: readonly string[]): Promise<void> {
  await db.slackInstallation.deleteMany({ where: { id: { in: [...ids] } } });
}

/** The workspaces the bridge knows in an Enterprise Grid org. */
export async function listOrgWorkspaces(db: Db, enterpriseId: string): Promise<string[]> {
  const workspaces = await db.slackWorkspace.findMany({ where: { enterpriseId }, select: { teamId: true } });
  return workspaces.map((w) => w.teamId);
}

/** Remembers which org a workspace belongs to (token lookups need it). */
export async function recordWorkspace(db: Db, teamId: string, enterpriseId: string): Promise<void> {
  await db.slackWorkspace.upsert({
    where: { teamId },
    create: { teamId, enterpriseId },
    update: { enterpriseId },
  });
}

/**
 * Active links whose Slack side was never observed, in workspaces (or orgs) the app is installed in,
 * oldest link first: who needs a baseline read.
 */
export async function listUnobservedInstalledPeople(
  db: Db,
  limit: number,
): Promise<{ slackTeamId: string; slackUserId: string }[]> {
  return db.$queryRaw`
    SELECT l."slackTeamId", l."slackUserId"
    FROM "Link" l
    JOIN "LinkSide" s ON s."linkId" = l."id" AND s."side" = 'slack'
    WHERE l."status" = 'active' AND s."observedAt" IS NULL
      AND EXISTS (
        SELECT 1 FROM "SlackInstallation" i
        LEFT JOIN "SlackWorkspace" w ON w."teamId" = l."slackTeamId"
        WHERE i."userId" = '' AND (i."teamId" = l."slackTeamId"
          OR (i."teamId" = '' AND i."enterpriseId" = w."enterpriseId")))
    ORDER BY l."createdAt"
    LIMIT ${limit}`;
}
