// Entry point of the Teams bridge process: validate the environment, open the store, serve, run jobs.
import { runProcess } from "@presence/runtime";

import { createTeamsBridge } from "./create-teams-bridge.ts";
import { loadTeamsBridgeEnv } from "./env.ts";

const env = loadTeamsBridgeEnv();
await runProcess({
  service: "teams-bridge",
  env,
  host: env.TEAMS_BRIDGE_HOST,
  port: env.TEAMS_BRIDGE_PORT,
  modules: async (runtime) => [await createTeamsBridge(runtime, env)],
});
