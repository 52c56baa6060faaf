// The all-in-one process: admin, Slack bridge and Teams bridge on one port, one pipeline worker.
import { createAdmin } from "@presence/admin";
import { onShutdown, runApps, startRuntime } from "@presence/runtime";
import { createSlackBridge } from "@presence/slack-bridge";
import { createTeamsBridge } from "@presence/teams-bridge";

import { loadAllInOneEnv } from "./env.ts";

const env = loadAllInOneEnv();
const runtime = await startRuntime("all-in-one", env);
const modules = [
  await createAdmin(runtime),
  await createSlackBridge(runtime, env),
  await createTeamsBridge(runtime, env),
];
const running = await runApps(runtime, modules, {
  host: env.HOST,
  port: env.PORT,
  workerConcurrency: env.WORKER_CONCURRENCY,
});
onShutdown(
  async () => {
    await running.stop();
    await runtime.stop();
  },
  (message) => runtime.logger.info(message),
);
