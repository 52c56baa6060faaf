// Entry point of the Slack bridge process: validate the environment, open the store, serve, run jobs.
// Without any Slack credentials it runs the zero-config demo against the built-in Slack emulator.
import type { AddressInfo } from "node:net";

import { onShutdown, runApps, startRuntime } from "@presence/runtime";

import { createSlackBridge } from "./create-slack-bridge.ts";
import { startDemoSlack, type DemoSlack } from "./demo/start-slack-emulator.ts";
import { hasSlackCredentials, loadSlackBridgeEnv } from "./env.ts";

const env = loadSlackBridgeEnv();
const runtime = await startRuntime("slack-bridge", env);
let demo: DemoSlack | null = null;
let config = env;
if (!hasSlackCredentials(env)) {
  const publicBaseUrl = env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${env.SLACK_BRIDGE_PORT}`;
  demo = await startDemoSlack({ publicBaseUrl, logger: runtime.logger });
  config = { ...env, ...demo.env, PUBLIC_BASE_URL: publicBaseUrl };
}
const module = await createSlackBridge(runtime, config);
const running = await runApps(runtime, [module], {
  host: env.SLACK_BRIDGE_HOST,
  port: env.SLACK_BRIDGE_PORT,
  workerConcurrency: env.WORKER_CONCURRENCY,
});
if (demo) await demo.attach(`http://127.0.0.1:${(running.server.address() as AddressInfo).port}`);
onShutdown(
  async () => {
    await running.stop();
    await demo?.close();
    await runtime.stop();
  },
  (message) => runtime.logger.info(message),
);
