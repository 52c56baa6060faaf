// The all-in-one process: admin, Slack bridge and Teams bridge on one port, one pipeline worker.
import { createAdmin } from "@presence/admin";
import { onShutdown, runApps, startRuntime } from "@presence/runtime";
import { createSlackBridge } from "@presence/slack-bridge";
import { createTeamsBridge, hasMicrosoftIdentity, startGraphDemo } from "@presence/teams-bridge";

import { loadAllInOneEnv } from "./env.ts";

const env = loadAllInOneEnv();
const runtime = await startRuntime("all-in-one", env);
// No Microsoft identity configured: the Teams side runs against the in-process Graph emulator (demo).
const graphDemo = hasMicrosoftIdentity(env)
  ? null
  : await startGraphDemo({ publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}` });
if (graphDemo)
  runtime.logger.warn(
    { emulator: graphDemo.emulator.url },
    "no AZURE_* identity: Teams side runs on the Graph emulator (demo)",
  );
const modules = [
  await createAdmin(runtime),
  await createSlackBridge(runtime, env),
  await createTeamsBridge(
    runtime,
    graphDemo ? { ...env, ...graphDemo.config } : env,
    graphDemo ? { ca: graphDemo.ca } : {},
  ),
];
const running = await runApps(runtime, modules, {
  host: env.HOST,
  port: env.PORT,
  workerConcurrency: env.WORKER_CONCURRENCY,
});
onShutdown(
  async () => {
    await running.stop();
    await graphDemo?.close();
    await runtime.stop();
  },
  (message) => runtime.logger.info(message),
);
