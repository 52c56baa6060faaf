import type { Request, Response } from "express";

import type { SyncEventFeed, SyncEventNotice } from "./sync-event-feed.ts";

const HEARTBEAT_MS = 20_000;

/**
 * Streams new-event notices to one browser as Server-Sent Events (`event: sync`), only those about
 * `linkId` when given (a notice naming no link may concern anyone, so it is always sent). Comments
 * keep proxies from closing an idle stream.
 */
export function streamSyncEvents(
  req: Request,
  res: Response,
  feed: SyncEventFeed,
  linkId: string | null,
): void {
  res.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-store",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
  });
  res.write("retry: 3000\n\n");
  const send = (notice: SyncEventNotice) => {
    if (linkId && notice.linkId && notice.linkId !== linkId) return;
    res.write(`event: sync\ndata: ${JSON.stringify(notice)}\n\n`);
  };
  const unsubscribe = feed.subscribe(send);
  const heartbeat = setInterval(() => res.write(": ping\n\n"), HEARTBEAT_MS);
  feed.streams.add(res);
  req.on("close", () => {
    clearInterval(heartbeat);
    feed.streams.delete(res);
    unsubscribe();
  });
}
