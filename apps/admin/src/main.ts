// Entry point of the admin app process (UI and API); the CLI is src/cli/main.ts.
import { runProcess } from "@presence/runtime";

import { createAdmin } from "./create-admin.ts";
import { loadAdminEnv } from "./env.ts";

const env = loadAdminEnv();
const host = env.ADMIN_HOST === "0.0.0.0" || env.ADMIN_HOST === "::" ? "localhost" : env.ADMIN_HOST;
await runProcess({
  service: "admin",
  env,
  host: env.ADMIN_HOST,
  port: env.ADMIN_PORT,
  // On its own, the admin app never runs the emulators: the zero-config demo is `pnpm start`.
  modules: async (runtime) => [
    await createAdmin(runtime, {
      config: env,
      ownUrl: `http://${host}:${env.ADMIN_PORT}`,
      demo: false,
      ...(env.GRAPH_CA_FILE ? { entraCa: env.GRAPH_CA_FILE } : {}),
    }),
  ],
});
