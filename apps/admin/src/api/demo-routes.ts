import { parseInput } from "@presence/core";
import express, { type Router } from "express";

import type { DemoPanel } from "../demo/demo-panel.ts";
import { ZDemoChangeBody } from "./api-schemas.ts";

/** /api/demo: the zero-config demo's panel (only mounted when both sides are the built-in emulators). */
export function demoRoutes(panel: DemoPanel): Router {
  const router = express.Router();

  router.get("/demo", async (_req, res) => {
    res.set("Cache-Control", "no-store").json({ people: await panel.people() });
  });

  router.post("/demo/change", async (req, res) => {
    const change = parseInput(ZDemoChangeBody, req.body, "Invalid change");
    await panel.change(change);
    res.json({ people: await panel.people() });
  });

  return router;
}
