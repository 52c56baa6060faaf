import {
  compareWebhookVersions,
  webhookEcho,
  webhookObservation,
  webhookPersonKey,
  webhookPersonOf,
  webhookWritePlan,
  type SpokeLimits,
  type WebhookAdapter,
} from "@presence/core";

import { DEFAULT_RETRY_AFTER_MS } from "../client/post-webhook.ts";
import { reportSource } from "../inbound/report-as-observation.ts";
import type { WebhookContext } from "../webhook-context.ts";
import { linkedPeople } from "./linked-people.ts";
import { performDelivery } from "./perform-delivery.ts";

/**
 * A generic system sets its own pace: the bridge knows no budget in advance, and heeds its 429's
 * Retry-After (60 s when it names none). What the bridge itself keeps to: one delivery at a time per
 * system and person (a named queue), newest state only.
 */
export const webhookLimits: SpokeLimits = {
  budgets: [
    {
      name: "deliveries to one system for one person: one at a time; after a 429, one per Retry-After (60 s without one)",
      scope: "person",
      calls: 1,
      windowMs: DEFAULT_RETRY_AFTER_MS,
      concurrent: 1,
    },
  ],
};

/**
 * One connected system as a spoke adapter: it names people by e-mail (the linking key; the directory is
 * the linked people, see `linkedPeople`); its signed reports come in at POST /webhooks/<id> with
 * occurredAt as version (a system pushes: there is nothing to read back, so `read` does nothing); the
 * write is a signed delivery of the person's published state (null once released), with the echo
 * expectation stored first. A published state does not lapse, so no hold is refreshed.
 */
export function createWebhookAdapter(context: WebhookContext, connectionId: string): WebhookAdapter {
  return {
    spoke: "webhook",
    identity: {
      personOf: webhookPersonOf(connectionId),
      key: webhookPersonKey,
      directory: () => linkedPeople(context, connectionId),
    },
    observe: {
      compareVersions: compareWebhookVersions,
      sources: [reportSource(connectionId)],
      read: async () => undefined,
      toObservation: webhookObservation,
    },
    write: {
      ...webhookWritePlan(connectionId),
      perform: (person, op) => performDelivery(context, person, op),
    },
    echo: webhookEcho(connectionId),
    limits: webhookLimits,
    heldUntil: () => null,
  };
}
