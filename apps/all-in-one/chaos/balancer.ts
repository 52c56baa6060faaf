import { createServer, request, ServerResponse, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import type { Replica } from "./replica.ts";

/**
 * The load balancer in front of the replicas (what a TLS proxy does in production): /slack/* to the
 * Slack bridge's replicas, /graph/* to the Teams bridge's, round robin. A replica that refuses the
 * connection (killed) is skipped; one that dies mid-request costs the sender a 502, and Slack or Graph
 * delivers again as they do.
 */
export interface Balancer {
  url: string;
  /**
   * What becomes of Graph's change notifications (network faults): delivered, lost on the way (Graph
   * is told 202, the bridge never sees them) or delivered twice.
   */
  notifications: "deliver" | "lose" | "duplicate";
  close(): Promise<void>;
}

export async function startBalancer(pools: {
  slack: readonly Replica[];
  teams: readonly Replica[];
}): Promise<Balancer> {
  const turn = { slack: 0, teams: 0 };
  const server: Server = createServer((req, res) => {
    const side = (req.url ?? "").startsWith("/graph/") ? "teams" : "slack";
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const pool = pools[side].filter((replica) => replica.running);
      const start = turn[side]++;
      const body = Buffer.concat(chunks);
      const isNotification = (req.url ?? "").startsWith("/graph/notifications") && req.method === "POST";
      const validation = (req.url ?? "").includes("validationToken=");
      if (isNotification && !validation && balancer.notifications === "lose")
        return void res.writeHead(202).end();
      if (isNotification && !validation && balancer.notifications === "duplicate")
        forward(req, new ServerResponse(req), body, pool, start + 1, 0);
      forward(req, res, body, pool, start, 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const balancer: Balancer = {
    url: `http://127.0.0.1:${port}`,
    notifications: "deliver",
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return balancer;
}

function forward(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  pool: readonly Replica[],
  start: number,
  tried: number,
): void {
  const replica = pool[(start + tried) % Math.max(pool.length, 1)];
  if (!replica || tried >= pool.length) {
    res.writeHead(502).end();
    return;
  }
  const target = new URL(replica.url);
  const upstream = request(
    {
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, "x-forwarded-for": req.socket.remoteAddress ?? "" },
      agent: false,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on("error", () => res.destroy());
    },
  );
  upstream.on("error", (error: NodeJS.ErrnoException) => {
    if (res.headersSent) return void res.destroy();
    // Nothing reached a process that is gone: the next replica gets the request.
    if (error.code === "ECONNREFUSED") return forward(req, res, body, pool, start, tried + 1);
    res.writeHead(502).end();
  });
  upstream.end(body);
}
