// Entry point of the Slack bridge process: validate the environment, open the store, serve, run jobs.
import { runProcess } from "@presence/runtime";

import { createSlackBridge } from "./create-slack-bridge.ts";
import { loadSlackBridgeEnv } from "./env.ts";

const env = loadSlackBridgeEnv();
await runProcess({
  service: "slack-bridge",
  env,
  host: env.SLACK_BRIDGE_HOST,
  port: env.SLACK_BRIDGE_PORT,
  modules: async (runtime) => [await createSlackBridge(runtime, env)],
});
