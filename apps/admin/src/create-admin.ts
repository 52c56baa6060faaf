import type { AppModule, Runtime } from "@presence/runtime";

import { createApiRouter } from "./api/create-api-router.ts";

export interface AdminOptions {
  /** ADMIN_API_TOKEN */
  apiToken: string | undefined;
}

/** The admin app as a module of a process: its JSON API under /api (and, later, its UI). */
export async function createAdmin(runtime: Runtime, options: AdminOptions): Promise<AppModule> {
  return {
    name: "admin",
    router: createApiRouter(runtime, { token: options.apiToken }),
    writers: [],
    readiness: [],
    async start() {
      runtime.logger.debug("admin started");
    },
    async stop() {},
  };
}
