// Entry point of the Slack bridge process: validate the environment, open the store, serve, run jobs.
import { onShutdown, runApps, startRuntime } from "@presence/runtime";

import { createSlackBridge } from "./create-slack-bridge.ts";
import { loadSlackBridgeEnv } from "./env.ts";

const env = loadSlackBridgeEnv();
const runtime = await startRuntime("slack-bridge", env);
const module = await createSlackBridge(runtime, env);
const running = await runApps(runtime, [module], {
  host: env.SLACK_BRIDGE_HOST,
  port: env.SLACK_BRIDGE_PORT,
  workerConcurrency: env.WORKER_CONCURRENCY,
});
onShutdown(
  async () => {
    await running.stop();
    await runtime.stop();
  },
  (message) => runtime.logger.info(message),
);
