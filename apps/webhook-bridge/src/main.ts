// Entry point of the webhook bridge process: validate the environment, open the store, serve
// /webhooks/<connectionId>, run the deliveries. Connections are added with `presence webhook add`.
import { runProcess } from "@presence/runtime";

import { createWebhookBridge } from "./create-webhook-bridge.ts";
import { loadWebhookBridgeEnv } from "./env.ts";

const env = loadWebhookBridgeEnv();
await runProcess({
  service: "webhook-bridge",
  env,
  host: env.WEBHOOK_BRIDGE_HOST,
  port: env.WEBHOOK_BRIDGE_PORT,
  modules: async (runtime) => [createWebhookBridge(runtime, env)],
});
