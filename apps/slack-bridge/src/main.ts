// Entry point of the Slack bridge process: validate the environment, open the store, serve, run jobs.
// With nothing configured (no DATABASE_URL, no Slack credentials) it runs the zero-config demo against the
// built-in Slack emulator; a real deployment (DATABASE_URL set) without Slack credentials fails naming them.
import { runProcess } from "@presence/runtime";

import { createSlackBridge } from "./create-slack-bridge.ts";
import { startDemoSlack, type DemoSlack } from "./demo/start-slack-emulator.ts";
import { hasSlackCredentials, loadSlackBridgeEnv } from "./env.ts";

const env = loadSlackBridgeEnv();
const demoHolder: { demo?: DemoSlack } = {};
const { running } = await runProcess({
  service: "slack-bridge",
  env,
  host: env.SLACK_BRIDGE_HOST,
  port: env.SLACK_BRIDGE_PORT,
  modules: async (runtime) => {
    if (hasSlackCredentials(env) || env.DATABASE_URL) return [await createSlackBridge(runtime, env)];
    const publicBaseUrl = env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${env.SLACK_BRIDGE_PORT}`;
    const demo = await startDemoSlack({ publicBaseUrl, logger: runtime.logger });
    demoHolder.demo = demo;
    return [await createSlackBridge(runtime, { ...env, ...demo.env, PUBLIC_BASE_URL: publicBaseUrl })];
  },
  afterStop: async () => demoHolder.demo?.close(),
});
await demoHolder.demo?.attach(running.url);
