import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ValidationBehaviour = "echo" | "echo-encoded" | "status-500" | "json" | "silent";

export interface ReceivedPost {
  path: string;
  query: URLSearchParams;
  contentType: string;
  body: string;
  at: number;
}

/**
 * A plain-HTTP webhook receiver on 127.0.0.1 (the emulator allows http to loopback): answers the validation handshake
 * as told, records every notification, and answers them with a configurable status.
 */
export class NotificationReceiver {
  readonly posts: ReceivedPost[] = [];
  validation: ValidationBehaviour = "echo";
  notificationStatus = 202;
  #server = createServer((req, res) => this.#handle(req, res));
  #waiters: { predicate: () => boolean; resolve: () => void }[] = [];
  url = "";

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  notifications(path = "/notify"): unknown[] {
    return this.posts
      .filter((p) => p.path === path && !p.query.has("validationToken"))
      .map((p) => JSON.parse(p.body) as unknown);
  }

  validations(): ReceivedPost[] {
    return this.posts.filter((p) => p.query.has("validationToken"));
  }

  /** Resolves once the predicate holds (checked after every POST), or rejects after timeoutMs. */
  waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`receiver: condition not met within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.#waiters.push({ predicate, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", this.url);
      const post: ReceivedPost = {
        path: url.pathname,
        query: url.searchParams,
        contentType: req.headers["content-type"] ?? "",
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      };
      this.posts.push(post);
      const token = url.searchParams.get("validationToken");
      if (token !== null) this.#answerValidation(res, token);
      else res.writeHead(this.notificationStatus).end();
      this.#waiters = this.#waiters.filter((w) => (w.predicate() ? (w.resolve(), false) : true));
    });
  }

  #answerValidation(res: ServerResponse, token: string): void {
    switch (this.validation) {
      case "echo":
        res.writeHead(200, { "Content-Type": "text/plain" }).end(token);
        return;
      case "echo-encoded":
        res.writeHead(200, { "Content-Type": "text/plain" }).end(encodeURIComponent(token));
        return;
      case "json":
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(token));
        return;
      case "status-500":
        res.writeHead(500).end();
        return;
      case "silent":
        return;
    }
  }
}
