// Entry point of the admin app process (API and UI); the CLI is src/cli/main.ts.
import { runProcess } from "@presence/runtime";

import { createAdmin } from "./create-admin.ts";
import { loadAdminEnv } from "./env.ts";

const env = loadAdminEnv();
await runProcess({
  service: "admin",
  env,
  host: env.ADMIN_HOST,
  port: env.ADMIN_PORT,
  modules: async (runtime) => [
    await createAdmin(runtime, {
      apiToken: env.ADMIN_API_TOKEN,
      demo: !env.DATABASE_URL && !env.PUBLIC_BASE_URL,
    }),
  ],
});
