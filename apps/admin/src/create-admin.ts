import type { AppModule, Runtime } from "@presence/runtime";

import { createApiRouter } from "./api/create-api-router.ts";

export interface AdminOptions {
  /** ADMIN_API_TOKEN */
  apiToken: string | undefined;
  /** The zero-config demo (no DATABASE_URL, no PUBLIC_BASE_URL): local callers need no token. */
  demo: boolean;
}

/** The admin app as a module of a process: its JSON API under /api (and, later, its UI). */
export async function createAdmin(runtime: Runtime, options: AdminOptions): Promise<AppModule> {
  return {
    name: "admin",
    router: createApiRouter(runtime, { token: options.apiToken, allowLocalWithoutToken: options.demo }),
    writers: [],
    readiness: [],
    async start() {
      if (!options.apiToken && !options.demo)
        runtime.logger.warn(
          "ADMIN_API_TOKEN is not set: the admin API refuses every request (the CLI still works)",
        );
    },
    async stop() {},
  };
}
