// The all-in-one process: admin, Slack bridge and Teams bridge on one port, one pipeline worker.
import { createAdmin } from "@presence/admin";
import { runProcess } from "@presence/runtime";
import { createSlackBridge } from "@presence/slack-bridge";
import { createTeamsBridge, hasMicrosoftIdentity, startGraphDemo } from "@presence/teams-bridge";

import { loadAllInOneEnv } from "./env.ts";

const env = loadAllInOneEnv();
// Zero-config demo (no DATABASE_URL, no Microsoft identity): the Teams side runs against the in-process Graph
// emulator. With DATABASE_URL set, missing AZURE_* variables are a configuration error instead.
const graphDemo =
  hasMicrosoftIdentity(env) || env.DATABASE_URL
    ? null
    : await startGraphDemo({ publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}` });
await runProcess({
  service: "all-in-one",
  env,
  host: env.HOST,
  port: env.PORT,
  modules: async (runtime) => {
    if (graphDemo)
      runtime.logger.warn(
        { emulator: graphDemo.emulator.url },
        "no AZURE_* identity: the Teams side runs on the Graph emulator (demo)",
      );
    return [
      await createAdmin(runtime, { apiToken: env.ADMIN_API_TOKEN }),
      await createSlackBridge(runtime, env),
      await createTeamsBridge(
        runtime,
        graphDemo ? { ...env, ...graphDemo.config } : env,
        graphDemo ? { ca: graphDemo.ca } : {},
      ),
    ];
  },
});
