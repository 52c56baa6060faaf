import { loadWebhookSide } from "@presence/db";
import { WEBHOOK_PUBLISH_TASK } from "@presence/pipeline";
import type { AppModule, Runtime } from "@presence/runtime";
import express from "express";

import type { WebhookBridgeConfig } from "./env.ts";
import { reportRoutes } from "./inbound/report-route.ts";
import type { LoadWebhookSide, WebhookContext } from "./webhook-context.ts";
import { createWebhookMetrics } from "./webhook-metrics.ts";
import { runWebhookDeliver } from "./write/deliver-task.ts";
import { WEBHOOK_DELIVER_TASK } from "./write/enqueue-delivery.ts";
import { runWebhookPublish } from "./write/publish-task.ts";

/**
 * The generic webhook spoke as a module of a process (its own, or the all-in-one): systems report states
 * to POST /webhooks/<connectionId>; the `webhook_publish` and `webhook_deliver` tasks send each person's
 * published state to the systems that receive states. Connections are managed in the admin app.
 */
/** The module, with the context its parts share (for tests and the spoke adapter). */
export interface WebhookBridge extends AppModule {
  context: WebhookContext;
}

export function createWebhookBridge(
  runtime: Runtime,
  config: WebhookBridgeConfig,
  options: { loadWebhookSide?: LoadWebhookSide } = {},
): WebhookBridge {
  const context: WebhookContext = {
    db: runtime.db,
    ring: runtime.keyRing,
    logger: runtime.logger.child({ component: "webhook-bridge" }),
    metrics: createWebhookMetrics(runtime.metrics.registry),
    now: runtime.now,
    config,
    loadWebhookSide: options.loadWebhookSide ?? loadWebhookSide,
  };
  const router = express.Router();
  router.use(reportRoutes(context));
  return {
    name: "webhook-bridge",
    context,
    router,
    writers: [],
    readiness: [],
    tasks: {
      [WEBHOOK_PUBLISH_TASK]: async (payload) => void (await runWebhookPublish(context, payload)),
      [WEBHOOK_DELIVER_TASK]: async (payload, helpers) =>
        void (await runWebhookDeliver(context, payload, {
          id: helpers.job.id,
          attempts: helpers.job.attempts,
          maxAttempts: helpers.job.max_attempts,
        })),
    },
    async start() {},
    async stop() {},
  };
}
