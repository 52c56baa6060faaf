import type { Db } from "@presence/db";
import { addJob, sharedQueue } from "@presence/pipeline";
import { z } from "zod";

/** Sends one link's published state to one system (payload {@link ZWebhookDeliverJob}). */
export const WEBHOOK_DELIVER_TASK = "webhook_deliver";

export const ZWebhookDeliverJob = z.object({
  connectionId: z.string(),
  linkId: z.string(),
  /** When the bridge published the state (the body's occurredAt; part of the idempotency key). */
  occurredAt: z.number(),
  /** How often the system already answered 429 for this delivery (bounded like the attempts). */
  deferrals: z.number().int().min(0).default(0),
});
export type WebhookDeliverJob = z.infer<typeof ZWebhookDeliverJob>;

/**
 * Schedules the delivery of a link's state to one system. One pending delivery per system and link (job key):
 * the job reads the newest published state when it runs, so a newer state simply joins it, and a delivery
 * waiting for the system's Retry-After keeps its time. Deliveries to one system for one link run one at a time (a shared queue).
 */
export async function enqueueDelivery(
  db: Db,
  job: WebhookDeliverJob,
  options: { maxAttempts: number; runAt?: Date },
): Promise<void> {
  await addJob(db, WEBHOOK_DELIVER_TASK, job, {
    jobKey: `webhook-deliver:${job.connectionId}:${job.linkId}`,
    jobKeyMode: options.runAt ? "replace" : "preserve_run_at",
    queueName: sharedQueue(`webhook:${job.connectionId}`, job.linkId),
    maxAttempts: options.maxAttempts,
    ...(options.runAt ? { runAt: options.runAt } : {}),
  });
}
