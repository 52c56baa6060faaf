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

/** The org a workspace belongs to, if the bridge has seen it (install, directory sync). */
async function enterpriseOf(db: Db, teamId: string): Promise<string | null> {
  const workspace = await db.slackWorkspace.findUnique({ where: { teamId } });
  return workspace?.enterpriseId ?? null;
}

/** The app's installation serving a workspace: its own, or its org's org-wide install. */
export async function findWorkspaceInstallation(db: Db, teamId: string): Promise<SlackInstallation | null> {
  const own = await db.slackInstallation.findFirst({ where: { teamId, userId: "" } });
  if (own) return own;
  const enterpriseId = await enterpriseOf(db, teamId);
  if (!enterpriseId) return null;
  return db.slackInstallation.findFirst({
    where: { enterpriseId, teamId: "", userId: "", isEnterpriseInstall: true },
  });
}

/** A person's own authorization (user token), in their workspace or through their org. */
export async function findPersonInstallation(
  db: Db,
  teamId: string,
  userId: string,
): Promise<SlackInstallation | null> {
  const own = await db.slackInstallation.findFirst({ where: { teamId, userId } });
  if (own) return own;
  // Slack user ids are unique across an Enterprise Grid org (W…), so the org-level row is theirs.
  return db.slackInstallation.findFirst({ where: { teamId: "", userId, isEnterpriseInstall: true } });
}
