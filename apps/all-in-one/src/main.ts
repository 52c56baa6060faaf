// The all-in-one process: admin, Slack bridge and Teams bridge on one port, one pipeline worker.
import { createAdmin } from "@presence/admin";
import { runProcess } from "@presence/runtime";
import { createSlackBridge } from "@presence/slack-bridge";
import { createTeamsBridge } from "@presence/teams-bridge";

import { loadAllInOneEnv } from "./env.ts";

const env = loadAllInOneEnv();
await runProcess({
  service: "all-in-one",
  env,
  host: env.HOST,
  port: env.PORT,
  modules: async (runtime) => [
    await createAdmin(runtime),
    await createSlackBridge(runtime, env),
    await createTeamsBridge(runtime, env),
  ],
});
