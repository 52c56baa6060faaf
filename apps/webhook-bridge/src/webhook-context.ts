import type { PublishedHold, WebhookView } from "@presence/core";
import type { Db, DbClient, KeyRing } from "@presence/db";
import type { Logger } from "@presence/telemetry";

import type { WebhookBridgeConfig } from "./env.ts";
import type { WebhookMetrics } from "./webhook-metrics.ts";

/** What the webhook spoke keeps of a link: the state it publishes and what systems reported. */
export type LoadWebhookSide = (
  db: Db,
  linkId: string,
) => Promise<{ hold: PublishedHold; view: WebhookView } | null>;

/** What the bridge's parts share: the store, keys, a logger, its settings and a clock. */
export interface WebhookContext {
  db: DbClient;
  ring: KeyRing;
  logger: Logger;
  metrics: WebhookMetrics;
  now: () => number;
  config: Pick<
    WebhookBridgeConfig,
    | "WEBHOOK_DELIVERY_TIMEOUT_SECONDS"
    | "WEBHOOK_MAX_ATTEMPTS"
    | "WEBHOOK_TIMESTAMP_TOLERANCE_SECONDS"
    | "WEBHOOK_ECHO_TTL_SECONDS"
  >;
  /** The published state of a link (the store's; tests may stand in for it). */
  loadWebhookSide: LoadWebhookSide;
}
