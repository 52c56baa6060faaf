import { getLink, listOutboundWebhookConnections } from "@presence/db";
import { z } from "zod";

import type { WebhookContext } from "../webhook-context.ts";
import { enqueueDelivery } from "./enqueue-delivery.ts";

export const ZWebhookPublishJob = z.object({ linkId: z.string() });

/**
 * `webhook_publish` {linkId}: the person's published state changed; a delivery to every active system that
 * receives states (one transaction: all scheduled or none).
 */
export async function runWebhookPublish(context: WebhookContext, payload: unknown): Promise<number> {
  const { linkId } = ZWebhookPublishJob.parse(payload);
  const connections = await listOutboundWebhookConnections(context.db);
  if (connections.length === 0 || !(await getLink(context.db, linkId))) return 0;
  const occurredAt = context.now();
  await context.db.$transaction(async (tx) => {
    for (const connection of connections)
      await enqueueDelivery(
        tx,
        { connectionId: connection.id, linkId, occurredAt, deferrals: 0 },
        { maxAttempts: context.config.WEBHOOK_MAX_ATTEMPTS },
      );
  });
  return connections.length;
}
