// Entry point of the admin app process (API and UI); the CLI is src/cli/main.ts.
import { onShutdown, runApps, startRuntime } from "@presence/runtime";

import { createAdmin } from "./create-admin.ts";
import { loadAdminEnv } from "./env.ts";

const env = loadAdminEnv();
const runtime = await startRuntime("admin", env);
const running = await runApps(runtime, [await createAdmin(runtime)], {
  host: env.ADMIN_HOST,
  port: env.ADMIN_PORT,
  workerConcurrency: env.WORKER_CONCURRENCY,
});
onShutdown(
  async () => {
    await running.stop();
    await runtime.stop();
  },
  (message) => runtime.logger.info(message),
);
