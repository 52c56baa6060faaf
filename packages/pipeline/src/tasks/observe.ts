import { decide, type Observation, type SyncEventDraft } from "@presence/core";
import {
  appendSyncEvents,
  countRecentWrites,
  findLinkByEmail,
  findLinkByEntra,
  findLinkBySlack,
  loadLinkSnapshot,
  lockLink,
  pendingExpectations,
  saveOutlookSide,
  saveSide,
  saveWebhookSide,
  setLinkStatus,
  type Db,
} from "@presence/db";

import { pipelineConfig } from "../config-cache.ts";
import type { PipelineContext } from "../context.ts";
import { ZObserveJob, type Subject } from "../jobs.ts";
import { enqueuePublish, enqueueReconsider, enqueueWrite } from "../queue/enqueue.ts";
import { scheduleExternalEnd, withReportingSystems } from "./reporting-systems.ts";

/**
 * The observe job: takes one observation in and decides, in one transaction holding the link's
 * row lock — records the side's new view, the audit events, the holds, and enqueues at most one
 * write job per side (coalesced by job key). Observations about people without a link are dropped.
 */
export async function runObserve(
  context: PipelineContext,
  rawPayload: unknown,
  jobId: string,
): Promise<void> {
  const job = ZObserveJob.parse(rawPayload);
  const { db, metrics } = context;
  const link = await findLink(db, job.subject);
  if (!link) {
    metrics.syncEvents.inc({ kind: "unknown_person", side: job.subject.side });
    return;
  }
  const now = context.now();
  const { settings, rules, publishes, reporting } = await pipelineConfig(db, now);
  const observation = {
    side: job.subject.side,
    facets: job.facets,
    version: job.version,
    observedAt: job.observedAt,
  } as Observation;
  const events = await db.$transaction(
    async (tx) => {
      await lockLink(tx, link.id);
      const stored = await loadLinkSnapshot(tx, link.id, settings);
      if (!stored) return [];
      const snapshot = withReportingSystems(stored, reporting);
      const decision = decide({
        link: snapshot,
        observation,
        expectations: await pendingExpectations(tx, link.id, new Date(now)),
        rules,
        settings,
        now,
        recentWrites: await countRecentWrites(tx, link.id, new Date(now - settings.flapWindowSeconds * 1000)),
      });
      const observedAt = new Date(job.observedAt);
      await saveSide(tx, link.id, "slack", {
        record: decision.slack,
        ...(job.subject.side === "slack" ? { observedAt } : {}),
      });
      await saveSide(tx, link.id, "teams", {
        record: decision.teams,
        ...(job.subject.side === "teams" ? { observedAt } : {}),
      });
      if (job.subject.side === "outlook") await saveOutlookSide(tx, link.id, decision.outlook, observedAt);
      // The published state is kept (and sent) only while some system receives states.
      const publish = decision.publish && publishes;
      if (job.subject.side === "webhook" || publish)
        await saveWebhookSide(
          tx,
          link.id,
          decision.webhook,
          job.subject.side === "webhook" ? observedAt : null,
        );
      if (publish) await enqueuePublish(tx, link.id);
      if (job.subject.side === "webhook") await scheduleExternalEnd(tx, link.id, decision.webhook.view, now);
      if (decision.pause) {
        await setLinkStatus(tx, link.id, { status: "paused", reason: decision.pause.reason });
        await enqueueReconsider(tx, link.id, "paused by the flap breaker");
      }
      for (const side of decision.writes) await enqueueWrite(tx, link.id, side);
      const drafts: SyncEventDraft[] = decision.events.map((e) => ({
        ...e,
        detail: { ...e.detail, source: job.source },
      }));
      await appendSyncEvents(tx, link.id, drafts, job.eventId ?? `job:${jobId}`);
      return drafts;
    },
    { timeout: 15_000 },
  );
  for (const event of events) metrics.syncEvents.inc({ kind: event.kind, side: event.side ?? "none" });
}

async function findLink(db: Db, subject: Subject) {
  switch (subject.side) {
    case "slack":
      return findLinkBySlack(db, subject.teamId, subject.userId);
    case "teams":
    case "outlook":
      // Outlook is the mailbox of the person's Entra account: the same key as Teams.
      return findLinkByEntra(db, subject.tenantId, subject.userId);
    case "webhook":
      return findLinkByEmail(db, subject.email);
  }
}
