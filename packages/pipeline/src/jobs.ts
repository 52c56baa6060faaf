import {
  ZConnectionId,
  ZEmail,
  ZOutlookView,
  ZSide,
  ZSlackView,
  ZTeamsView,
  ZWebhookView,
  type Side,
} from "@presence/core";
import { z } from "zod";

/** graphile-worker task names. */
export const OBSERVE_TASK = "observe";
export const MAINTENANCE_TASK = "maintenance";
export const RECONSIDER_TASK = "reconsider";
export const RECONSIDER_ALL_TASK = "reconsider_all";
/**
 * The person's published state changed (payload `{ linkId }`, keyed per link): the webhook spoke sends
 * it to every connected system that receives states. Enqueued only while such a connection exists.
 */
export const WEBHOOK_PUBLISH_TASK = "webhook_publish";
export function writeTask(side: Side): string {
  return `write_${side}`;
}

/** Who an observation is about, as the side names them. */
export const ZSubject = z.discriminatedUnion("side", [
  z.object({ side: z.literal("slack"), teamId: z.string().min(1), userId: z.string().min(1) }),
  z.object({ side: z.literal("teams"), tenantId: z.string().min(1), userId: z.string().min(1) }),
  /** Outlook names people as Entra does (the mailbox of the Entra user). */
  z.object({ side: z.literal("outlook"), tenantId: z.string().min(1), userId: z.string().min(1) }),
  /** A connected system names people by e-mail (the linking key). */
  z.object({ side: z.literal("webhook"), connectionId: ZConnectionId, email: ZEmail }),
]);
export type Subject = z.infer<typeof ZSubject>;

/** Each spoke's facets (validated by the subject's spoke: the views' shapes overlap). */
const FACETS_BY_SPOKE = {
  slack: ZSlackView,
  teams: ZTeamsView,
  outlook: ZOutlookView,
  webhook: ZWebhookView,
} as const;

export const ZObserveJob = z
  .object({
    subject: ZSubject,
    /** Facets as normalised by the receiver (validated again here: the queue is a trust boundary too). */
    facets: z.record(z.string(), z.unknown()),
    version: z.string(),
    observedAt: z.number(),
    /** What produced it (e.g. "slack:user_change", "graph:notification", "graph:poll"), for the audit trail. */
    source: z.string(),
    eventId: z.string().optional(),
  })
  .transform((job, ctx) => {
    const facets = FACETS_BY_SPOKE[job.subject.side].safeParse(job.facets);
    if (facets.success) return { ...job, facets: facets.data };
    for (const issue of facets.error.issues) ctx.addIssue({ ...issue, path: ["facets", ...issue.path] });
    return z.NEVER;
  });
export type ObserveJob = z.infer<typeof ZObserveJob>;

export const ZWriteJob = z.object({
  linkId: z.string(),
  side: ZSide,
  /** Facets to write again although unchanged (keep-alive, expiry refresh). */
  refresh: z.array(z.string()).default([]),
  /** When the state being written is expected to end (ms): orders writes waiting for a budget. */
  expectedEnd: z.number().optional(),
});
export type WriteJob = z.infer<typeof ZWriteJob>;

export const ZReconsiderJob = z.object({
  linkId: z.string(),
  /** Why (paused, resumed, direction changed, rules changed …), for the audit trail. */
  reason: z.string(),
});
export type ReconsiderJob = z.infer<typeof ZReconsiderJob>;
