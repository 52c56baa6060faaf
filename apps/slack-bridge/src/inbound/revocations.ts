import { deleteCredentials, type Link, listLinksOfSlackUsers, listLinksInSlackTeams } from "@presence/db";
import { disableLink, requireReconnect } from "@presence/services";

import type { SlackContext } from "../slack-context.ts";
import {
  credentialOwner,
  deleteInstallations,
  listInstallations,
  listOrgWorkspaces,
} from "../store/installation-rows.ts";

export interface RevocationScope {
  teamId: string;
  enterpriseId: string;
  isEnterpriseInstall: boolean;
}

const ACTOR = { name: "Slack" };

/**
 * `tokens_revoked`: the listed people's user tokens (and the bot's) no longer work. Their stored
 * tokens are deleted and their links wait for them to connect again (needs re-auth).
 */
export async function handleTokensRevoked(
  context: SlackContext,
  scope: RevocationScope & { userIds: string[]; botUserIds: string[] },
): Promise<void> {
  const { db, logger } = context;
  const inScope = installationScope(scope);
  if (scope.userIds.length > 0) {
    const rows = await listInstallations(db, inScope, scope.userIds);
    await forget(context, rows);
    // Only this workspace's (or org's) people: a user id names a person within a team.
    const teams = await teamsOf(context, scope);
    const links = await listLinksOfSlackUsers(db, teams, scope.userIds);
    for (const link of links) await flag(context, link, "the Slack token was revoked");
  }
  if (scope.botUserIds.length > 0) {
    const rows = await listInstallations(db, inScope, [""]);
    for (const row of rows) {
      await deleteCredentials(db, credentialOwner(row));
      context.tokens.forget(credentialOwner(row));
    }
  }
  logger.info({ ...scope }, "Slack tokens revoked");
}

/** `app_uninstalled`: every token of the workspace (or org) is gone; its links are disabled. */
export async function handleAppUninstalled(context: SlackContext, scope: RevocationScope): Promise<void> {
  const { db, logger } = context;
  const inScope = installationScope(scope);
  await forget(context, await listInstallations(db, inScope));
  const teams = await teamsOf(context, scope);
  const links = await listLinksInSlackTeams(db, teams);
  for (const link of links)
    await disableLink(db, link.id, { side: "slack", reason: "the Slack app was uninstalled" }, ACTOR);
  logger.warn({ ...scope, links: links.length }, "the Slack app was uninstalled; its links are disabled");
}

function installationScope(scope: RevocationScope) {
  return scope.isEnterpriseInstall || !scope.teamId
    ? { enterpriseId: scope.enterpriseId, teamId: "" }
    : { teamId: scope.teamId };
}

/** The workspaces an uninstall covers: the one, or every workspace of the org for an org-wide install. */
async function teamsOf(context: SlackContext, scope: RevocationScope): Promise<string[]> {
  if (!scope.isEnterpriseInstall && scope.teamId) return [scope.teamId];
  const workspaces = await listOrgWorkspaces(context.db, scope.enterpriseId);
  return [...workspaces, ...(scope.teamId ? [scope.teamId] : [])];
}

async function forget(
  context: SlackContext,
  rows: { id: string; enterpriseId: string; teamId: string; userId: string }[],
) {
  await context.db.$transaction(async (tx) => {
    for (const row of rows) await deleteCredentials(tx, credentialOwner(row));
    await deleteInstallations(
      tx,
      rows.map((r) => r.id),
    );
  });
  // This process's cached copies go too (other replicas' lapse within the cache's 45 s, and a refused
  // cached token is re-read from the store before a link is flagged).
  for (const row of rows) context.tokens.forget(credentialOwner(row));
}

async function flag(context: SlackContext, link: Link, reason: string): Promise<void> {
  if (link.status === "needs_reauth" || link.status === "disabled") return;
  await requireReconnect(context.db, link.id, { side: "slack", reason }, ACTOR);
}
