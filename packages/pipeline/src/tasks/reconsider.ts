import { reconsider, type SyncEventDraft } from "@presence/core";
import {
  appendSyncEvents,
  countRecentWrites,
  loadLinkSnapshot,
  lockLink,
  pendingExpectations,
  saveSide,
  saveWebhookSide,
  setLinkStatus,
} from "@presence/db";
import { z } from "zod";

import { pipelineConfig } from "../config-cache.ts";
import type { PipelineContext } from "../context.ts";
import { ZReconsiderJob } from "../jobs.ts";
import { enqueuePublish, enqueueReconsider, enqueueWrite } from "../queue/enqueue.ts";
import { withReportingSystems } from "./reporting-systems.ts";

/**
 * The reconsider job: re-decides what the bridge holds for one link without a new observation, in one
 * transaction under the link's row lock (like observe), and enqueues the writes that follow.
 */
export async function runReconsider(
  context: PipelineContext,
  rawPayload: unknown,
  jobId: string,
): Promise<void> {
  const job = ZReconsiderJob.parse(rawPayload);
  const { db } = context;
  const now = context.now();
  const { settings, rules, publishes, reporting } = await pipelineConfig(db, now);
  const events = await db.$transaction(
    async (tx) => {
      await lockLink(tx, job.linkId);
      const stored = await loadLinkSnapshot(tx, job.linkId, settings);
      if (!stored) return [];
      const snapshot = withReportingSystems(stored, reporting);
      const decision = reconsider(
        {
          link: snapshot,
          expectations: await pendingExpectations(tx, job.linkId, new Date(now)),
          rules,
          settings,
          now,
          recentWrites: await countRecentWrites(
            tx,
            job.linkId,
            new Date(now - settings.flapWindowSeconds * 1000),
          ),
        },
        job.reason,
      );
      await saveSide(tx, job.linkId, "slack", { record: decision.slack });
      await saveSide(tx, job.linkId, "teams", { record: decision.teams });
      if (decision.publish && publishes) {
        await saveWebhookSide(tx, job.linkId, decision.webhook, null);
        await enqueuePublish(tx, job.linkId);
      }
      if (decision.pause) {
        await setLinkStatus(tx, job.linkId, { status: "paused", reason: decision.pause.reason });
        await enqueueReconsider(tx, job.linkId, "paused by the flap breaker");
      }
      for (const side of decision.writes) await enqueueWrite(tx, job.linkId, side);
      const drafts: SyncEventDraft[] = decision.events;
      await appendSyncEvents(tx, job.linkId, drafts, `job:${jobId}`);
      return drafts;
    },
    { timeout: 15_000 },
  );
  for (const event of events)
    context.metrics.syncEvents.inc({ kind: event.kind, side: event.side ?? "none" });
}

const ZReconsiderAllJob = z.object({ reason: z.string() });

/** Schedules a reconsider job for every link (rules or settings changed). */
export async function runReconsiderAll(context: PipelineContext, rawPayload: unknown): Promise<void> {
  const { reason } = ZReconsiderAllJob.parse(rawPayload);
  let cursor: string | undefined;
  for (;;) {
    const links = await context.db.link.findMany({
      select: { id: true },
      orderBy: { id: "asc" },
      take: 500,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (links.length === 0) return;
    await context.db.$transaction(async (tx) => {
      for (const link of links) await enqueueReconsider(tx, link.id, reason);
    });
    cursor = links.at(-1)?.id;
  }
}
