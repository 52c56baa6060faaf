import { createServer } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** Parsed JSON body (null if not JSON). */
  body: Record<string, unknown> | null;
  receivedAt: number;
}

export interface ReceiverReply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering (to provoke Slack's 3 s timeout). */
  delayMs?: number;
}

export interface EventReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Decides each answer; by default 200 with the url_verification challenge echoed, else empty. */
  reply: (request: ReceivedRequest, index: number) => ReceiverReply;
  /** Resolves once `count` requests matching `predicate` arrived. */
  waitFor(
    count: number,
    predicate?: (request: ReceivedRequest) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

function defaultReply(request: ReceivedRequest): ReceiverReply {
  if (request.body?.type === "url_verification")
    return { status: 200, body: JSON.stringify({ challenge: request.body.challenge }) };
  return { status: 200 };
}

/** A plain HTTP server that records what Slack (the emulator) POSTs to a Request URL. */
export async function startEventReceiver(): Promise<EventReceiver> {
  const requests: ReceivedRequest[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      let body: Record<string, unknown> | null;
      try {
        body = JSON.parse(rawBody) as Record<string, unknown>;
      } catch {
        body = null;
      }
      const request: ReceivedRequest = { headers: req.headers, rawBody, body, receivedAt: Date.now() };
      const index = requests.push(request) - 1;
      for (const wake of [...waiters]) wake();
      const reply = receiver.reply(request, index);
      const answer = (): void => {
        if (res.destroyed) return;
        res.writeHead(reply.status ?? 200, reply.headers ?? {});
        res.end(reply.body ?? "");
      };
      if (reply.delayMs) setTimeout(answer, reply.delayMs).unref();
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: EventReceiver = {
    url: `http://127.0.0.1:${port}/slack/events`,
    requests,
    reply: defaultReply,
    waitFor(count, predicate = () => true, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const matching = requests.filter(predicate);
          if (matching.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(matching);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`timed out waiting for ${count} request(s); got ${requests.filter(predicate).length}`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return receiver;
}
