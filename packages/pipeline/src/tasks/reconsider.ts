import { reconsider, type SyncEventDraft } from "@presence/core";
import { loadDecisionState, lockLink, saveLinkChanges } from "@presence/db";
import { z } from "zod";

import { pipelineConfig } from "../config-cache.ts";
import type { PipelineContext } from "../context.ts";
import { ZReconsiderJob } from "../jobs.ts";
import { enqueueReconsider } from "../queue/enqueue.ts";
import { enqueueFollowUps } from "./decision-follow-ups.ts";
import { mirroredSidesToSave } from "./observe.ts";
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
      const state = await loadDecisionState(tx, job.linkId, settings, now);
      if (!state) return [];
      const decision = reconsider(
        {
          link: withReportingSystems(state.link, reporting),
          expectations: state.expectations,
          rules,
          settings,
          now,
          recentWrites: state.recentWrites,
        },
        job.reason,
      );
      const publish = decision.publish && publishes;
      const drafts: SyncEventDraft[] = decision.events;
      // As observe does: the changed records and the audit events in one statement.
      await saveLinkChanges(tx, job.linkId, {
        sides: mirroredSidesToSave(state.link, decision),
        ...(publish ? { webhook: { record: decision.webhook, observedAt: null } } : {}),
        events: { drafts, correlationId: `job:${jobId}` },
      });
      await enqueueFollowUps(tx, job.linkId, decision, publish, now);
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
