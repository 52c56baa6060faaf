import { isDeepStrictEqual } from "node:util";

import {
  decide,
  type Decision,
  type LinkSnapshot,
  type Observation,
  type Side,
  type Spoke,
  type SyncEventDraft,
} from "@presence/core";
import {
  findLinkByEmail,
  findLinkByEntra,
  findLinkBySlack,
  loadDecisionState,
  saveLinkChanges,
  type Db,
  type SideUpdate,
} from "@presence/db";

import { pipelineConfig } from "../config-cache.ts";
import type { PipelineContext } from "../context.ts";
import { ZObserveJob, type Subject } from "../jobs.ts";
import { enqueueFollowUps } from "./decision-follow-ups.ts";
import { scheduleExternalEnd, withReportingSystems } from "./reporting-systems.ts";

/**
 * The observe job: takes one observation in and decides, in one transaction holding the link's
 * row lock — records the side's new view, the audit events, the holds, and enqueues at most one
 * write job per side (coalesced by job key). Observations about people without a link are dropped.
 *
 * Every statement counts on this path (the per-statement costs dominate): the link is found and
 * locked in one statement, everything decide() reads is loaded in the next, and what changed is
 * stored with its audit events in one more.
 */
export async function runObserve(
  context: PipelineContext,
  rawPayload: unknown,
  jobId: string,
): Promise<void> {
  const job = ZObserveJob.parse(rawPayload);
  const { db, metrics } = context;
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
      const link = await findAndLockLink(tx, job.subject);
      if (!link) return null;
      const state = await loadDecisionState(tx, link.id, settings, now);
      if (!state) return [];
      const decision = decide({
        link: withReportingSystems(state.link, reporting),
        observation,
        expectations: state.expectations,
        rules,
        settings,
        now,
        recentWrites: state.recentWrites,
      });
      const side = job.subject.side;
      const observedAt = new Date(job.observedAt);
      // The published state is kept (and sent) only while some system receives states.
      const publish = decision.publish && publishes;
      const drafts: SyncEventDraft[] = decision.events.map((e) => ({
        ...e,
        detail: { ...e.detail, source: job.source },
      }));
      await saveLinkChanges(tx, link.id, {
        sides: mirroredSidesToSave(state.link, decision, { side, observedAt }),
        ...(side === "outlook" ? { outlook: { record: decision.outlook, observedAt } } : {}),
        ...(side === "webhook" || publish
          ? { webhook: { record: decision.webhook, observedAt: side === "webhook" ? observedAt : null } }
          : {}),
        events: { drafts, correlationId: job.eventId ?? `job:${jobId}` },
      });
      if (side === "webhook") await scheduleExternalEnd(tx, link.id, decision.webhook.view, now);
      await enqueueFollowUps(tx, link.id, decision, publish, now);
      return drafts;
    },
    { timeout: 15_000 },
  );
  if (events === null) {
    metrics.syncEvents.inc({ kind: "unknown_person", side: job.subject.side });
    return;
  }
  for (const event of events) metrics.syncEvents.inc({ kind: event.kind, side: event.side ?? "none" });
}

/**
 * The Slack and Teams records a decision leaves to store: the observed side's always (its observation
 * time moves even when nothing else does), the other only when the decision changed it — rewriting
 * an unchanged record costs a statement's work and a row version for nothing.
 */
export function mirroredSidesToSave(
  stored: Pick<LinkSnapshot, Side>,
  decision: Pick<Decision, Side>,
  observed?: { side: Spoke; observedAt: Date },
): (SideUpdate & { side: Side })[] {
  return (["slack", "teams"] as const).flatMap((side) => {
    if (observed?.side === side) return [{ side, record: decision[side], observedAt: observed.observedAt }];
    return isDeepStrictEqual(decision[side], stored[side]) ? [] : [{ side, record: decision[side] }];
  });
}

/** The link the observation is about, with its row lock taken (one statement); null if no one is linked. */
async function findAndLockLink(tx: Db, subject: Subject) {
  const lock = { lock: true };
  switch (subject.side) {
    case "slack":
      return findLinkBySlack(tx, subject.teamId, subject.userId, lock);
    case "teams":
    case "outlook":
      // Outlook is the mailbox of the person's Entra account: the same key as Teams.
      return findLinkByEntra(tx, subject.tenantId, subject.userId, lock);
    case "webhook":
      return findLinkByEmail(tx, subject.email, lock);
  }
}
