import { BridgeError } from "@presence/core";
import { upsertDirectoryEntries, type Db, type DirectoryEntryInput } from "@presence/db";
import { addJob } from "@presence/pipeline";
import { z } from "zod";

import type { TokenLease } from "../client/slack-api.ts";
import type { SlackContext } from "../slack-context.ts";
import { getAppInstallation, listAppInstallations, recordWorkspace } from "../store/installation-rows.ts";

export const SYNC_DIRECTORY_TASK = "slack_sync_directory";

const PAGE_SIZE = 200;

export const ZSyncDirectoryJob = z.object({
  /** The installation whose bot lists its people (teamId "" for an org-wide install). */
  enterpriseId: z.string(),
  teamId: z.string(),
  cursor: z.string().optional(),
});
export type SyncDirectoryJob = z.infer<typeof ZSyncDirectoryJob>;

const ZMember = z
  .object({
    id: z.string(),
    team_id: z.string().optional(),
    name: z.string().optional(),
    real_name: z.string().optional(),
    deleted: z.boolean().optional(),
    is_bot: z.boolean().optional(),
    profile: z
      .object({
        email: z.string().optional(),
        real_name: z.string().optional(),
        display_name: z.string().optional(),
      })
      .loose()
      .default({}),
    enterprise_user: z.object({ enterprise_id: z.string() }).loose().optional(),
  })
  .loose();
const ZUsersListPage = z
  .object({
    members: z.array(ZMember).default([]),
    response_metadata: z.object({ next_cursor: z.string().optional() }).loose().optional(),
  })
  .loose();

export async function enqueueDirectorySync(db: Db, job: SyncDirectoryJob, runAt?: Date): Promise<void> {
  const payload = ZSyncDirectoryJob.parse(job);
  await addJob(db, SYNC_DIRECTORY_TASK, payload, {
    jobKey: `${SYNC_DIRECTORY_TASK}:${payload.enterpriseId}:${payload.teamId}`,
    jobKeyMode: "preserve_run_at",
    maxAttempts: 5,
    ...(runAt ? { runAt } : {}),
  });
}

/** The directory sync cron: one sync job per workspace (or org-wide) installation. */
export async function scheduleDirectorySyncs(context: SlackContext): Promise<number> {
  const installs = await listAppInstallations(context.db);
  for (const install of installs) await enqueueDirectorySync(context.db, install);
  return installs.length;
}

/**
 * Fills the directory (DirectoryEntry) from users.list so admins can link people by e-mail, one page
 * per budgeted call. Bots and Slackbot are left out; deactivated people are recorded as such (never
 * linked automatically, shown under "Deactivated"). A spent budget continues
 * from the same page later. Org-wide installs list the whole org (members carry their workspace).
 */
export async function syncDirectory(context: SlackContext, raw: unknown): Promise<void> {
  let job = ZSyncDirectoryJob.parse(raw);
  const { db, tokens } = context;
  const row = await getAppInstallation(db, { enterpriseId: job.enterpriseId, teamId: job.teamId });
  if (!row) return;
  const lease = await tokens.forInstallation(row);
  if (!lease) return;
  for (;;) {
    let page: DirectoryPage;
    try {
      page = await readDirectoryPage(context, row, lease, job.cursor);
    } catch (thrown) {
      const error = BridgeError.from(thrown);
      if (error.code !== "rate_limited") throw error;
      await enqueueDirectorySync(db, job, new Date(context.now() + (error.retryAfterMs ?? 60_000)));
      return;
    }
    await upsertDirectoryEntries(db, page.entries);
    if (!page.next) return;
    job = { ...job, cursor: page.next };
  }
}

/** One page of an installation's people, as directory entries, and the cursor of the next page. */
export interface DirectoryPage {
  entries: DirectoryEntryInput[];
  next: string | undefined;
}

type Installation = { enterpriseId: string; teamId: string };

/**
 * Reads one page of users.list (one budgeted call; a spent budget throws `rate_limited`) without bots
 * and Slackbot, and remembers the workspaces Grid members belong to.
 */
export async function readDirectoryPage(
  context: SlackContext,
  row: Installation,
  lease: TokenLease,
  cursor: string | undefined,
): Promise<DirectoryPage> {
  const page = ZUsersListPage.parse(
    await context.api.call(
      "users.list",
      lease,
      { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) },
      { teamId: row.teamId || row.enterpriseId },
    ),
  );
  const people = page.members.filter((m) => !m.is_bot && m.id !== "USLACKBOT");
  await recordWorkspaces(context.db, people, row.enterpriseId);
  return {
    entries: people.map((m) => entry(m, row.teamId || row.enterpriseId)),
    next: page.response_metadata?.next_cursor || undefined,
  };
}

function entry(member: z.infer<typeof ZMember>, fallbackTeam: string): DirectoryEntryInput {
  return {
    side: "slack",
    scopeId: member.team_id ?? fallbackTeam,
    userId: member.id,
    email: member.profile.email ?? null,
    displayName:
      member.real_name || member.profile.real_name || member.profile.display_name || member.name || "",
    deactivated: member.deleted === true,
  };
}

/** Grid members name their workspace: remember which org it belongs to (token lookups need it). */
async function recordWorkspaces(
  db: Db,
  members: z.infer<typeof ZMember>[],
  enterpriseId: string,
): Promise<void> {
  const teams = new Map<string, string>();
  for (const m of members) {
    const org = m.enterprise_user?.enterprise_id ?? enterpriseId;
    if (m.team_id && org) teams.set(m.team_id, org);
  }
  for (const [teamId, org] of teams) await recordWorkspace(db, teamId, org);
}
