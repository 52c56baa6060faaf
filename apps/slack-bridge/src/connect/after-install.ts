import { BridgeError } from "@presence/core";
import { findLinkBySlack, getDirectoryEntry, findDirectoryEntryByUser } from "@presence/db";
import { linkAccounts, markReconnected, readConnectState, type ConnectState } from "@presence/services";
import type { Installation } from "@slack/oauth";
import { z } from "zod";

import type { SlackContext } from "../slack-context.ts";
import { ZSlackUser } from "../inbound/normalise.ts";
import { enqueueReadPerson } from "../jobs/read-person.ts";
import { enqueueDirectorySync } from "../jobs/sync-directory.ts";
import { findOrgInstallation } from "../store/installation-rows.ts";

/** What /slack/connect carries through Slack's OAuth state (signed by the state store). */
export const ZInstallMetadata = z.object({ connect: z.string().optional() });

export interface InstallOutcome {
  title: string;
  message: string;
}

type AnyInstallation = Installation<"v1" | "v2", boolean>;

/**
 * After Slack's OAuth callback stored the installation: a workspace install schedules the directory
 * sync; a person who authorized (installer or "Connect Slack") is linked when their connect link
 * named a Microsoft account, a link waiting for their Slack account mirrors again, and their current
 * Slack state is read as the link's baseline.
 */
export async function afterInstall(
  context: SlackContext,
  installation: AnyInstallation,
  rawMetadata: string | undefined,
): Promise<InstallOutcome> {
  const metadata = ZInstallMetadata.parse(rawMetadata ? JSON.parse(rawMetadata) : {});
  const state = metadata.connect ? readConnectState(context.ring, metadata.connect, context.now()) : null;
  if (installation.bot) {
    await enqueueDirectorySync(context.db, {
      enterpriseId: installation.enterprise?.id ?? "",
      teamId: installation.isEnterpriseInstall ? "" : (installation.team?.id ?? ""),
    });
  }
  if (!installation.user.token) {
    return {
      title: "Presence bridge installed",
      message: "People can now open the app's Home tab in Slack to connect.",
    };
  }
  const person = { teamId: await homeTeam(context, installation), userId: installation.user.id };
  if (state?.slack && state.slack.userId !== person.userId) {
    throw new BridgeError(
      "conflict",
      "You signed in to Slack as someone else than the person this link was made for. Ask for a new link.",
    );
  }
  let link = await findLinkBySlack(context.db, person.teamId, person.userId);
  if (!link && state?.entra) link = await linkToMicrosoft(context, person, state.entra);
  if (
    link &&
    state?.entra &&
    (link.tenantId !== state.entra.tenantId || link.entraUserId !== state.entra.userId.toLowerCase())
  )
    throw new BridgeError("conflict", "This Slack account is already linked to another Microsoft account.");
  if (link) {
    await markReconnected(context.db, link.id, "slack", { name: `slack:${person.teamId}/${person.userId}` });
    await enqueueReadPerson(context.db, { ...person, facets: ["status", "dnd"], source: "slack:connect" });
  }
  return {
    title: "Slack account connected",
    message: link
      ? "Your Slack and Microsoft availability is now mirrored. You can close this page."
      : "Your Slack account is connected. Open the app's Home tab in Slack to link your Microsoft account.",
  };
}

async function linkToMicrosoft(
  context: SlackContext,
  person: { teamId: string; userId: string },
  entra: NonNullable<ConnectState["entra"]>,
) {
  const directory = await getDirectoryEntry(context.db, "slack", person.teamId, person.userId);
  return linkAccounts(
    context.db,
    {
      slack: person,
      entra,
      email: directory?.email ?? null,
      displayName: directory?.displayName ?? "",
    },
    { name: `slack:${person.teamId}/${person.userId} (connect link)` },
  );
}

/**
 * The person's workspace. Org-wide (Enterprise Grid) authorizations name only the org, so it is
 * asked of Slack (users.info with the org's bot token) when the directory does not know it.
 */
async function homeTeam(context: SlackContext, installation: AnyInstallation): Promise<string> {
  if (installation.team?.id) return installation.team.id;
  const enterpriseId = installation.enterprise?.id ?? "";
  const known = await findDirectoryEntryByUser(context.db, "slack", installation.user.id);
  if (known) return known.scopeId;
  const row = await findOrgInstallation(context.db, enterpriseId);
  const bot = row ? await context.tokens.forInstallation(row) : null;
  if (bot) {
    const answer = await context.api.call(
      "users.info",
      bot,
      { user: installation.user.id },
      { teamId: enterpriseId },
    );
    const teamId = z.object({ user: ZSlackUser }).parse(answer).user.team_id;
    if (teamId) return teamId;
  }
  return enterpriseId;
}
