import { commonEnv, loadDotEnv, parseEnv, webhookEnv, zPort } from "@presence/config";
import { z } from "zod";

/** What the bridge itself needs (also when it runs inside the all-in-one process). */
export const ZWebhookBridgeConfig = z.object({ ...commonEnv, ...webhookEnv });
export type WebhookBridgeConfig = z.infer<typeof ZWebhookBridgeConfig>;

/** The webhook bridge process's configuration (README: "Configuration"). The only place that reads process.env. */
export const ZWebhookBridgeEnv = ZWebhookBridgeConfig.extend({
  WEBHOOK_BRIDGE_HOST: z.string().default("0.0.0.0"),
  WEBHOOK_BRIDGE_PORT: zPort.default(3003),
});
export type WebhookBridgeEnv = z.infer<typeof ZWebhookBridgeEnv>;

export function loadWebhookBridgeEnv(env: NodeJS.ProcessEnv = process.env): WebhookBridgeEnv {
  if (env === process.env) loadDotEnv();
  return parseEnv(ZWebhookBridgeEnv, env);
}
