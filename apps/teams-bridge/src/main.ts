// Entry point of the Teams bridge process: validate the environment, open the store, serve, run jobs.
// With no Microsoft identity configured it runs the standalone demo against an in-process Graph emulator.
import { onShutdown, runApps, startRuntime } from "@presence/runtime";

import { createTeamsBridge } from "./create-teams-bridge.ts";
import { startGraphDemo } from "./demo/start-graph-emulator.ts";
import { loadTeamsBridgeEnv } from "./env.ts";
import { hasMicrosoftIdentity } from "./teams-settings.ts";

const env = loadTeamsBridgeEnv();
const runtime = await startRuntime("teams-bridge", env);
const demo = hasMicrosoftIdentity(env)
  ? null
  : await startGraphDemo({
      publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://localhost:${env.TEAMS_BRIDGE_PORT}`,
    });
if (demo)
  runtime.logger.warn(
    { emulator: demo.emulator.url, tenant: demo.config.AZURE_TENANT_ID },
    "no Microsoft identity configured (AZURE_*): demo mode against the in-process Graph emulator",
  );
const module = await createTeamsBridge(
  runtime,
  demo ? { ...env, ...demo.config } : env,
  demo ? { ca: demo.ca } : {},
);
const running = await runApps(runtime, [module], {
  host: env.TEAMS_BRIDGE_HOST,
  port: env.TEAMS_BRIDGE_PORT,
  workerConcurrency: env.WORKER_CONCURRENCY,
});
onShutdown(
  async () => {
    await running.stop();
    await demo?.close();
    await runtime.stop();
  },
  (message) => runtime.logger.info(message),
);
