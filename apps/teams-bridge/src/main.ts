// Entry point of the Teams bridge process: validate the environment, open the store, serve, run jobs.
// With nothing configured (no DATABASE_URL, no Microsoft identity) it runs the zero-config demo against an
// in-process Graph emulator; a real deployment (DATABASE_URL set) without AZURE_* fails naming them.
import { runProcess } from "@presence/runtime";

import { createTeamsBridge } from "./create-teams-bridge.ts";
import { startGraphDemo } from "./demo/start-graph-emulator.ts";
import { loadTeamsBridgeEnv } from "./env.ts";
import { hasMicrosoftIdentity } from "./teams-settings.ts";

const env = loadTeamsBridgeEnv();
const demo =
  hasMicrosoftIdentity(env) || env.DATABASE_URL
    ? null
    : await startGraphDemo({
        publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://localhost:${env.TEAMS_BRIDGE_PORT}`,
      });
await runProcess({
  service: "teams-bridge",
  env,
  host: env.TEAMS_BRIDGE_HOST,
  port: env.TEAMS_BRIDGE_PORT,
  modules: async (runtime) => {
    if (!demo)
      return [await createTeamsBridge(runtime, env, env.GRAPH_CA_FILE ? { ca: env.GRAPH_CA_FILE } : {})];
    runtime.logger.warn(
      { emulator: demo.emulator.url, tenant: demo.config.AZURE_TENANT_ID },
      "no Microsoft identity configured (AZURE_*): demo mode against the in-process Graph emulator",
    );
    return [await createTeamsBridge(runtime, { ...env, ...demo.config }, { ca: demo.ca })];
  },
});
