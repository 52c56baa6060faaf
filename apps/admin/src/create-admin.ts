import type { AppModule, Runtime } from "@presence/runtime";
import express from "express";

/** The admin app as a module of a process: its JSON API under /api and its UI. */
export async function createAdmin(runtime: Runtime): Promise<AppModule> {
  const router = express.Router();
  return {
    name: "admin",
    router,
    writers: [],
    readiness: [],
    async start() {
      runtime.logger.debug("admin started");
    },
    async stop() {},
  };
}
