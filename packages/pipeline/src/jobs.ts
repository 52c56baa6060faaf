import { ZSide, ZSlackView, ZTeamsView, type Side } from "@presence/core";
import { z } from "zod";

/** graphile-worker task names. */
export const OBSERVE_TASK = "observe";
export const MAINTENANCE_TASK = "maintenance";
export const RECONSIDER_TASK = "reconsider";
export const RECONSIDER_ALL_TASK = "reconsider_all";
export function writeTask(side: Side): string {
  return `write_${side}`;
}

/** Who an observation is about, as the side names them. */
export const ZSubject = z.discriminatedUnion("side", [
  z.object({ side: z.literal("slack"), teamId: z.string().min(1), userId: z.string().min(1) }),
  z.object({ side: z.literal("teams"), tenantId: z.string().min(1), userId: z.string().min(1) }),
]);
export type Subject = z.infer<typeof ZSubject>;

export const ZObserveJob = z.object({
  subject: ZSubject,
  /** Facets as normalised by the receiver (validated again here: the queue is a trust boundary too). */
  facets: z.union([ZSlackView, ZTeamsView]),
  version: z.string(),
  observedAt: z.number(),
  /** What produced it (e.g. "slack:user_change", "graph:notification", "graph:poll"), for the audit trail. */
  source: z.string(),
  eventId: z.string().optional(),
});
export type ObserveJob = z.infer<typeof ZObserveJob>;

export const ZWriteJob = z.object({
  linkId: z.string(),
  side: ZSide,
  /** Facets to write again although unchanged (keep-alive, expiry refresh). */
  refresh: z.array(z.string()).default([]),
});
export type WriteJob = z.infer<typeof ZWriteJob>;

export const ZReconsiderJob = z.object({
  linkId: z.string(),
  /** Why (paused, resumed, direction changed, rules changed …), for the audit trail. */
  reason: z.string(),
});
export type ReconsiderJob = z.infer<typeof ZReconsiderJob>;
