import type { AppModule, Runtime } from "@presence/runtime";
import express from "express";

import type { TeamsBridgeConfig } from "./env.ts";

/**
 * The Teams bridge as a module of a process (its own, or the all-in-one). Its routes live under
 * /graph; it brings the Teams writer to the pipeline.
 */
export async function createTeamsBridge(runtime: Runtime, _config: TeamsBridgeConfig): Promise<AppModule> {
  const router = express.Router();
  return {
    name: "teams-bridge",
    router,
    writers: [],
    readiness: [],
    async start() {
      runtime.logger.debug("teams bridge started");
    },
    async stop() {},
  };
}
