import { BridgeError, type PublishedState, type SyncEventDraft } from "@presence/core";
import {
  appendSyncEvents,
  getLink,
  getWebhookConnection,
  getWebhookSecret,
  setWebhookConnectionStatus,
  type WebhookConnection,
} from "@presence/db";
import { enqueueReconsiderAll } from "@presence/pipeline";

import type { DeliveryOutcome } from "../client/post-webhook.ts";
import type { WebhookContext } from "../webhook-context.ts";
import { enqueueDelivery, ZWebhookDeliverJob, type WebhookDeliverJob } from "./enqueue-delivery.ts";
import { receivesStates, sendDelivery } from "./send-delivery.ts";

export interface DeliveryJobInfo {
  id: string;
  attempts: number;
  maxAttempts: number;
}

/**
 * `webhook_deliver`: sends a link's published state to one system, signed. The expectation that the
 * system may echo it back is stored first; then 2xx is recorded, 410 turns the connection off, 429 waits for
 * Retry-After, 5xx / timeouts / network failures throw so the queue retries with backoff (a "failed" audit
 * event after the last attempt), and any other answer is recorded as failed without a retry.
 */
export async function runWebhookDeliver(
  context: WebhookContext,
  payload: unknown,
  job: DeliveryJobInfo,
): Promise<DeliveryOutcome | null> {
  const delivery = ZWebhookDeliverJob.parse(payload);
  const { db } = context;
  const log = context.logger.child({
    connectionId: delivery.connectionId,
    linkId: delivery.linkId,
    job: job.id,
  });
  const connection = await getWebhookConnection(db, delivery.connectionId);
  if (!receivesStates(connection)) {
    log.debug("delivery dropped: the connection no longer receives states");
    return null;
  }
  const link = await getLink(db, delivery.linkId);
  const side = link ? await context.loadWebhookSide(db, link.id) : null;
  const state = side?.hold.state;
  if (!link || state === undefined) {
    log.debug("delivery dropped: no link, or nothing published yet");
    return null;
  }
  const audit = (draft: Omit<SyncEventDraft, "side">) =>
    appendSyncEvents(db, link.id, [{ ...draft, side: "webhook" }], `job:${job.id}`);
  const secret = await getWebhookSecret(db, context.ring, connection.id);
  if (!secret) {
    await audit({
      kind: "failed",
      message: `Not sent to ${connection.name}: the connection has no secret (rotate it)`,
      detail: { connectionId: connection.id },
    });
    return null;
  }

  const now = context.now();
  const { outcome, key } = await sendDelivery(
    context,
    { connection: { id: connection.id, url: connection.url }, link, secret },
    state,
    delivery.occurredAt,
  );
  const detail = {
    connectionId: connection.id,
    status: outcome.status,
    idempotencyKey: key,
    attempt: job.attempts,
  };
  const to = `${connection.name} (${connection.id})`;

  switch (outcome.kind) {
    case "delivered":
      await audit({ kind: "written", message: `Sent to ${to}: ${describe(state)}`, detail });
      return outcome;
    case "gone":
      await db.$transaction(async (tx) => {
        await setWebhookConnectionStatus(
          tx,
          connection.id,
          "disabled",
          `the system answered 410 Gone on ${new Date(now).toISOString()}`,
        );
        // What the system reported stops counting: the bridge lets go of it everywhere.
        await enqueueReconsiderAll(tx, `webhook connection ${connection.id} answered 410 Gone`);
        await appendSyncEvents(
          tx,
          link.id,
          [
            {
              kind: "failed",
              side: "webhook",
              message: `${to} answered 410 Gone: connection turned off`,
              detail,
            },
          ],
          `job:${job.id}`,
        );
      });
      log.warn("the system answered 410 Gone: connection turned off");
      return outcome;
    case "rate_limited":
      return deferred(context, connection, delivery, outcome.retryAfterMs, audit, detail);
    case "rejected":
      await audit({ kind: "failed", message: `Not accepted by ${to}: ${outcome.reason}`, detail });
      log.warn({ status: outcome.status }, "delivery rejected; not retried");
      return outcome;
    case "retry": {
      const final = job.attempts >= job.maxAttempts;
      log.warn({ reason: outcome.reason, attempt: job.attempts, final }, "delivery failed");
      if (final)
        await audit({
          kind: "failed",
          message: `Not delivered to ${to} after ${job.attempts} attempts: ${outcome.reason}`,
          detail: { ...detail, reason: outcome.reason, final },
        });
      // The queue retries with exponential backoff.
      throw new BridgeError("upstream_unavailable", `Delivery to ${connection.id} failed: ${outcome.reason}`);
    }
  }
}

async function deferred(
  context: WebhookContext,
  connection: WebhookConnection,
  delivery: WebhookDeliverJob,
  retryAfterMs: number,
  audit: (draft: Omit<SyncEventDraft, "side">) => Promise<void>,
  detail: Record<string, unknown>,
): Promise<DeliveryOutcome> {
  const outcome: DeliveryOutcome = { kind: "rate_limited", status: 429, retryAfterMs };
  if (delivery.deferrals + 1 >= context.config.WEBHOOK_MAX_ATTEMPTS) {
    await audit({
      kind: "failed",
      message: `Not delivered to ${connection.name} (${connection.id}): rate limited ${delivery.deferrals + 1} times`,
      detail: { ...detail, final: true },
    });
    return outcome;
  }
  const runAt = new Date(context.now() + retryAfterMs);
  // A job of the same key replaces this one's successor (this one is running and ends now).
  await enqueueDelivery(
    context.db,
    { ...delivery, deferrals: delivery.deferrals + 1 },
    { maxAttempts: context.config.WEBHOOK_MAX_ATTEMPTS, runAt },
  );
  await audit({
    kind: "rate_limited",
    message: `Rate limited by ${connection.name} (${connection.id}); sending again at ${runAt.toISOString()}`,
    detail: { ...detail, retryAfterMs },
  });
  return outcome;
}

function describe(state: PublishedState | null): string {
  if (!state) return "not shared";
  return `${state.availability}/${state.activity}${state.outOfOffice ? ", out of office" : ""}${
    state.until === null ? "" : ` until ${new Date(state.until).toISOString()}`
  }`;
}
