import { BridgeError, type WebhookPerson, type WebhookWriteOp } from "@presence/core";
import { findLinkByEmail, getWebhookConnection, getWebhookSecret } from "@presence/db";

import { deliveryError } from "../client/delivery-error.ts";
import type { WebhookContext } from "../webhook-context.ts";
import { receivesStates, sendDelivery } from "../write/send-delivery.ts";

/**
 * The adapter's write: one delivery of the op's state (null once released) to the person's system, made
 * as `webhook_deliver` makes it (echo expectation first, signed POST). Throws the contract's BridgeError
 * for any answer but 2xx; what follows from it (Retry-After, turning the connection off) is the task's.
 */
export async function performDelivery(
  context: WebhookContext,
  person: WebhookPerson,
  op: WebhookWriteOp,
): Promise<void> {
  const connection = await getWebhookConnection(context.db, person.connectionId);
  if (!receivesStates(connection))
    throw new BridgeError("not_found", `${person.connectionId} takes no deliveries (off, or reports only)`);
  const link = await findLinkByEmail(context.db, person.email);
  if (!link) throw new BridgeError("not_found", "No active link has this e-mail");
  const secret = await getWebhookSecret(context.db, context.ring, connection.id);
  if (!secret) throw new BridgeError("config", `${connection.id} has no secret (rotate it)`);
  const state = op.action === "set" ? op.value : null;
  const { outcome } = await sendDelivery(context, { connection, link, secret }, state, context.now());
  const error = deliveryError(outcome, connection.id);
  if (error) throw error;
}
