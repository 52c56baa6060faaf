import { publishedStateFingerprint, type PublishedState } from "@presence/core";
import { addExpectation, recordWebhookDelivery, type WebhookConnection } from "@presence/db";

import { postWebhook, type DeliveryOutcome } from "../client/post-webhook.ts";
import { outboundEvent, type OutboundPerson } from "../contract/outbound-event.ts";
import {
  IDEMPOTENCY_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
} from "../contract/signature.ts";
import type { WebhookContext } from "../webhook-context.ts";
import { deliveryKey } from "./delivery-key.ts";

/** Who a delivery goes to and is about, and the connection's secret that signs it. */
export interface DeliveryTarget {
  connection: Pick<WebhookConnection, "id"> & { url: string };
  link: OutboundPerson & { id: string };
  secret: string;
}

/** Whether a connection takes deliveries now (active, with a URL, not report-only). */
export function receivesStates(
  connection: WebhookConnection | null,
): connection is WebhookConnection & { url: string } {
  return (
    connection !== null && connection.status === "active" && !!connection.url && connection.direction !== "in"
  );
}

/**
 * One delivery of a published state: the echo expectation is stored first (a system reporting the state
 * straight back finds it expected), then the signed POST with its stable Idempotency-Key; the connection's
 * last delivery is recorded. What the answer means is the caller's (the deliver task, the spoke adapter).
 */
export async function sendDelivery(
  context: WebhookContext,
  { connection, link, secret }: DeliveryTarget,
  state: PublishedState | null,
  occurredAt: number,
): Promise<{ outcome: DeliveryOutcome; key: string }> {
  const { db } = context;
  const now = context.now();
  const body = JSON.stringify(outboundEvent(link, state, occurredAt));
  const key = deliveryKey(connection.id, link.id, state, occurredAt);
  await addExpectation(
    db,
    link.id,
    "webhook",
    { facet: connection.id, fingerprint: publishedStateFingerprint(state) },
    new Date(now + context.config.WEBHOOK_ECHO_TTL_SECONDS * 1000),
  );
  const timestamp = String(Math.floor(now / 1000));
  const stopTimer = context.metrics.deliveryDuration.startTimer();
  const outcome = await postWebhook({
    url: connection.url,
    body,
    headers: {
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
      [IDEMPOTENCY_HEADER]: key,
    },
    timeoutMs: context.config.WEBHOOK_DELIVERY_TIMEOUT_SECONDS * 1000,
    now,
  });
  stopTimer();
  context.metrics.deliveries.inc({ outcome: outcome.kind });
  await recordWebhookDelivery(db, connection.id, {
    at: new Date(context.now()),
    status: outcome.status === null ? ("reason" in outcome ? outcome.reason : "") : String(outcome.status),
  });
  return { outcome, key };
}
