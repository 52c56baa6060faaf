import { BridgeError } from "@presence/core";
import {
  appendSyncEventRows,
  appendSyncEvents,
  createBulkLinkRun,
  createLinksInBulk,
  deleteCredentials,
  deleteSlackUserCredentials,
  entraOwner,
  lockBulkLinkRun,
  updateBulkLinkRun,
  type BulkLinkRun,
  type Db,
  type DbClient,
} from "@presence/db";
import { addJob } from "@presence/pipeline";

import type { Actor } from "../link-service.ts";
import { planAutoLink, type AutoLinkPlan, type DirectoryAccount } from "./plan-auto-link.ts";

export const BULK_LINK_TASK = "bulk_link";
export const BULK_LINK_UNDO_TASK = "bulk_link_undo";
/** People linked (or unlinked) per transaction; progress is stored after each. */
const CHUNK = 250;

/** What automatic linking by e-mail would do now, from the directories the bridges keep. */
export async function previewAutoLink(db: Db): Promise<AutoLinkPlan> {
  const [accounts, links] = await Promise.all([
    db.directoryEntry.findMany({
      select: { side: true, scopeId: true, userId: true, email: true, displayName: true, deactivated: true },
    }),
    db.link.findMany({ select: { slackTeamId: true, slackUserId: true, tenantId: true, entraUserId: true } }),
  ]);
  return planAutoLink(accounts as DirectoryAccount[], links);
}

/**
 * Starts linking everyone the preview matches, as a job (it survives a page reload and a restart).
 * The run keeps the matched e-mails; each is checked again when the job reaches it.
 */
export async function startAutoLinkRun(db: DbClient, actor: Actor): Promise<BulkLinkRun> {
  const plan = await previewAutoLink(db);
  if (plan.matches.length === 0)
    throw new BridgeError("conflict", "Nobody to link: the preview has no matches");
  return db.$transaction(async (tx) => {
    const running = await tx.bulkLinkRun.findFirst({
      where: { status: { in: ["queued", "running", "undoing"] } },
    });
    if (running)
      throw new BridgeError("conflict", `Automatic linking run ${running.id} is still ${running.status}`);
    const run = await createBulkLinkRun(
      tx,
      plan.matches.map((m) => m.email),
      actor.name,
    );
    await addJob(tx, BULK_LINK_TASK, { runId: run.id }, { jobKey: `bulk-link:${run.id}`, maxAttempts: 10 });
    await appendSyncEvents(
      tx,
      null,
      [
        {
          kind: "admin_action",
          side: null,
          message: `Automatic linking of ${run.total} people started by ${actor.name}`,
          detail: { action: "auto_link_started", runId: run.id, total: run.total },
        },
      ],
      actor.name,
    );
    return run;
  });
}

/**
 * The bulk-link job: links the run's e-mails in chunks, each chunk one transaction that also stores
 * the progress, so a retry after a crash continues where it stopped and links nobody twice.
 */
export async function runBulkLink(db: DbClient, runId: string): Promise<void> {
  for (;;) {
    const done = await db.$transaction(
      async (tx) => {
        const run = await lockBulkLinkRun(tx, runId);
        if (!run || !["queued", "running"].includes(run.status)) return true;
        const emails = run.emails.slice(run.processed, run.processed + CHUNK);
        if (emails.length === 0) {
          await updateBulkLinkRun(tx, runId, { status: "done", finishedAt: new Date() });
          await appendSyncEvents(
            tx,
            null,
            [
              {
                kind: "admin_action",
                side: null,
                message: `Automatic linking finished: ${run.linked} linked, ${run.skipped} skipped`,
                detail: { action: "auto_link_finished", runId, linked: run.linked, skipped: run.skipped },
              },
            ],
            run.requestedBy,
          );
          return true;
        }
        const created = await linkChunk(tx, runId, emails, run.requestedBy);
        await updateBulkLinkRun(tx, runId, {
          status: "running",
          startedAt: run.startedAt ?? new Date(),
          processed: run.processed + emails.length,
          linked: run.linked + created,
          skipped: run.skipped + emails.length - created,
        });
        return false;
      },
      { timeout: 60_000 },
    );
    if (done) return;
  }
}

/** Links the e-mails of one chunk that still name one free account on each side. */
async function linkChunk(tx: Db, runId: string, emails: string[], actor: string): Promise<number> {
  const entries = await tx.directoryEntry.findMany({ where: { email: { in: emails }, deactivated: false } });
  const inputs = emails.flatMap((email) => {
    const slack = entries.filter((e) => e.email === email && e.side === "slack");
    const teams = entries.filter((e) => e.email === email && e.side === "teams");
    const [s, t] = [slack[0], teams[0]];
    if (slack.length !== 1 || teams.length !== 1 || !s || !t) return [];
    return [
      {
        slackTeamId: s.scopeId,
        slackUserId: s.userId,
        tenantId: t.scopeId,
        entraUserId: t.userId,
        email,
        displayName: s.displayName || t.displayName,
      },
    ];
  });
  const created = await createLinksInBulk(tx, inputs, runId);
  await appendSyncEventRows(
    tx,
    created.map((link) => ({
      linkId: link.id,
      kind: "link_created" as const,
      side: null,
      message: `Linked by e-mail (automatic linking, started by ${actor})`,
      detail: { by: actor, runId },
    })),
    `job:bulk-link:${runId}`,
  );
  return created.length;
}

/** Undoes a finished run: every link it made is removed again (as a job, with progress). */
export async function startAutoLinkUndo(db: DbClient, runId: string, actor: Actor): Promise<BulkLinkRun> {
  return db.$transaction(async (tx) => {
    const run = await lockBulkLinkRun(tx, runId);
    if (!run) throw new BridgeError("not_found", `No automatic-linking run ${runId}`);
    if (run.status !== "done" && run.status !== "failed")
      throw new BridgeError("conflict", `Run ${runId} is ${run.status}; only a finished run can be undone`);
    const updated = await updateBulkLinkRun(tx, runId, { status: "undoing", undone: 0 });
    await addJob(tx, BULK_LINK_UNDO_TASK, { runId }, { jobKey: `bulk-link-undo:${runId}`, maxAttempts: 10 });
    await appendSyncEvents(
      tx,
      null,
      [
        {
          kind: "admin_action",
          side: null,
          message: `Undo of automatic linking run started by ${actor.name}`,
          detail: { action: "auto_link_undo_started", runId },
        },
      ],
      actor.name,
    );
    return updated;
  });
}

/** The undo job: removes the run's links and their tokens in chunks (a retry continues). */
export async function runBulkLinkUndo(db: DbClient, runId: string): Promise<void> {
  for (;;) {
    const done = await db.$transaction(
      async (tx) => {
        const run = await lockBulkLinkRun(tx, runId);
        if (!run || run.status !== "undoing") return true;
        const links = await tx.link.findMany({ where: { bulkRunId: runId }, take: CHUNK });
        if (links.length === 0) {
          await updateBulkLinkRun(tx, runId, { status: "undone", finishedAt: new Date() });
          return true;
        }
        for (const link of links) {
          await deleteSlackUserCredentials(tx, link.slackUserId);
          await deleteCredentials(tx, entraOwner(link.tenantId, link.entraUserId));
        }
        await appendSyncEventRows(
          tx,
          links.map((link) => ({
            linkId: link.id,
            kind: "link_removed" as const,
            side: null,
            message: "Unlinked (undo of automatic linking)",
            detail: { runId, slackUserId: link.slackUserId, entraUserId: link.entraUserId },
          })),
          `job:bulk-link-undo:${runId}`,
        );
        await tx.link.deleteMany({ where: { id: { in: links.map((l) => l.id) } } });
        await updateBulkLinkRun(tx, runId, { undone: run.undone + links.length });
        return false;
      },
      { timeout: 60_000 },
    );
    if (done) return;
  }
}
