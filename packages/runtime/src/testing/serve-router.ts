import type { Server } from "node:http";

import express, { type Router } from "express";

/** Serves only an app's routes on 127.0.0.1 (no worker runs, so its jobs stay queued). */
export async function serveRouter(router: Router, port: number): Promise<{ stop(): Promise<void> }> {
  const app = express();
  app.use(router);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(port, "127.0.0.1", () => resolve(s));
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
