// Entry point of the Teams bridge process: validate the environment, open the store, serve, run jobs.
import { onShutdown, runApps, startRuntime } from "@presence/runtime";

import { createTeamsBridge } from "./create-teams-bridge.ts";
import { loadTeamsBridgeEnv } from "./env.ts";

const env = loadTeamsBridgeEnv();
const runtime = await startRuntime("teams-bridge", env);
const module = await createTeamsBridge(runtime, env);
const running = await runApps(runtime, [module], {
  host: env.TEAMS_BRIDGE_HOST,
  port: env.TEAMS_BRIDGE_PORT,
  workerConcurrency: env.WORKER_CONCURRENCY,
});
onShutdown(
  async () => {
    await running.stop();
    await runtime.stop();
  },
  (message) => runtime.logger.info(message),
);
