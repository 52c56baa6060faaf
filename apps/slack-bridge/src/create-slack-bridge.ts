import type { AppModule, Runtime } from "@presence/runtime";
import express from "express";

import type { SlackBridgeConfig } from "./env.ts";

/**
 * The Slack bridge as a module of a process (its own, or the all-in-one). Its routes live under
 * /slack; it brings the Slack writer to the pipeline.
 */
export async function createSlackBridge(runtime: Runtime, _config: SlackBridgeConfig): Promise<AppModule> {
  const router = express.Router();
  return {
    name: "slack-bridge",
    router,
    writers: [],
    readiness: [],
    async start() {
      runtime.logger.debug("slack bridge started");
    },
    async stop() {},
  };
}
