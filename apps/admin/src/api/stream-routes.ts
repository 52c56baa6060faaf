import { parseInput } from "@presence/core";
import express, { type Router } from "express";

import { streamSyncEvents } from "../live/event-stream.ts";
import type { SyncEventFeed } from "../live/sync-event-feed.ts";
import { ZStreamQuery } from "./api-schemas.ts";

/** /api/stream: Server-Sent Events announcing new audit events (all, or one link's) as they commit. */
export function streamRoutes(feed: SyncEventFeed): Router {
  const router = express.Router();
  router.get("/stream", (req, res) => {
    const query = parseInput(ZStreamQuery, req.query, "Invalid query");
    streamSyncEvents(req, res, feed, query.link ?? null);
  });
  return router;
}
