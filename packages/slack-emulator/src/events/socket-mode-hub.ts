import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { RawData, WebSocket } from "ws";
import { newId } from "../ids.ts";
import type { AttemptResult } from "./retry-loop.ts";

interface Connection {
  id: number;
  appId: string;
  socket: WebSocket;
  /** envelope_id → settle(acked) */
  pending: Map<string, (acked: boolean) => void>;
}

export type DisconnectReason = "warning" | "refresh_requested" | "link_disabled" | "too_many_websockets";

const TICKET_LIFETIME_MS = 60_000;
const MAX_CONNECTIONS = 10;

/**
 * Socket Mode: single-use tickets from apps.connections.open, the `hello`, `events_api` envelopes with
 * acks by `envelope_id`, and `disconnect` messages.
 */
export class SocketModeHub {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #tickets = new Map<string, { appId: string; expiresAt: number }>();
  readonly #connections = new Set<Connection>();
  readonly #connectionWaiters = new Set<() => void>();
  readonly #pinger: NodeJS.Timeout | null;
  #nextId = 1;
  #rotation = 0;

  constructor(
    private readonly wsBaseUrl: () => string,
    private readonly ackTimeoutMs: number,
    pingIntervalMs: number,
  ) {
    this.#pinger = pingIntervalMs > 0 ? setInterval(() => this.#pingAll(), pingIntervalMs) : null;
    this.#pinger?.unref();
  }

  openTicket(appId: string): string {
    const ticket = newId.envelope();
    this.#tickets.set(ticket, { appId, expiresAt: Date.now() + TICKET_LIFETIME_MS });
    return `${this.wsBaseUrl()}/link/?ticket=${ticket}&app_id=${appId}`;
  }

  /** Takes over an HTTP upgrade on /link/; answers 401 for a missing, used or expired ticket. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? "/", "http://emulator");
    const ticket = this.#tickets.get(url.searchParams.get("ticket") ?? "");
    this.#tickets.delete(url.searchParams.get("ticket") ?? "");
    if (!ticket || ticket.expiresAt < Date.now() || this.connectionCount(ticket.appId) >= MAX_CONNECTIONS) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ticket.appId, ws));
  }

  #accept(appId: string, socket: WebSocket): void {
    const connection: Connection = { id: this.#nextId++, appId, socket, pending: new Map() };
    this.#connections.add(connection);
    socket.on("message", (data: RawData) => this.#onMessage(connection, data));
    socket.on("close", () => {
      this.#connections.delete(connection);
      for (const settle of connection.pending.values()) settle(false);
      connection.pending.clear();
    });
    socket.on("error", () => socket.terminate());
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: this.connectionCount(appId),
        debug_info: { host: "applink-emulator", build_number: 1, approximate_connection_time: 3600 },
        connection_info: { app_id: appId },
      }),
    );
    for (const wake of [...this.#connectionWaiters]) wake();
  }

  #onMessage(connection: Connection, data: RawData): void {
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    const envelopeId = (message as { envelope_id?: unknown }).envelope_id;
    if (typeof envelopeId !== "string") return;
    const settle = connection.pending.get(envelopeId);
    connection.pending.delete(envelopeId);
    settle?.(true);
  }

  #pingAll(): void {
    for (const connection of this.#connections) connection.socket.ping();
  }

  connectionCount(appId: string): number {
    return [...this.#connections].filter((c) => c.appId === appId && c.socket.readyState === c.socket.OPEN)
      .length;
  }

  /** An open connection of the app (round robin), waiting up to `timeoutMs` for one to appear. */
  async #connectionFor(appId: string, timeoutMs: number): Promise<Connection | null> {
    const pick = (): Connection | null => {
      const open = [...this.#connections].filter(
        (c) => c.appId === appId && c.socket.readyState === c.socket.OPEN,
      );
      return open.length === 0 ? null : (open[this.#rotation++ % open.length] ?? null);
    };
    const now = pick();
    if (now || timeoutMs <= 0) return now;
    return new Promise((resolve) => {
      const done = (connection: Connection | null): void => {
        clearTimeout(timer);
        this.#connectionWaiters.delete(wake);
        resolve(connection);
      };
      const wake = (): void => {
        const connection = pick();
        if (connection) done(connection);
      };
      const timer = setTimeout(() => done(null), timeoutMs);
      this.#connectionWaiters.add(wake);
    });
  }

  /** Sends one `events_api` envelope and waits for its ack. */
  async send(
    appId: string,
    payload: Record<string, unknown>,
    retryNum: number,
    retryReason: string,
  ): Promise<AttemptResult> {
    const connection = await this.#connectionFor(appId, this.ackTimeoutMs);
    if (!connection) return { outcome: "no_connection", status: null, noRetry: false, envelopeId: null };
    const envelopeId = newId.envelope();
    const acked = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => settle(false), this.ackTimeoutMs);
      const settle = (value: boolean): void => {
        clearTimeout(timer);
        connection.pending.delete(envelopeId);
        resolve(value);
      };
      connection.pending.set(envelopeId, settle);
    });
    connection.socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type: "events_api",
        accepts_response_payload: false,
        retry_attempt: retryNum,
        retry_reason: retryReason,
        payload,
      }),
    );
    return { outcome: (await acked) ? "ok" : "timeout", status: null, noRetry: false, envelopeId };
  }

  /** Sends `disconnect` to every connection of the app; the client closes and reconnects. */
  disconnect(appId: string, reason: DisconnectReason, graceMs = 1000): number {
    const targets = [...this.#connections].filter((c) => c.appId === appId);
    for (const connection of targets) {
      connection.socket.send(
        JSON.stringify({ type: "disconnect", reason, debug_info: { host: "wss-emulator" } }),
      );
      setTimeout(() => {
        if (connection.socket.readyState !== connection.socket.CLOSED) connection.socket.terminate();
      }, graceMs).unref();
    }
    return targets.length;
  }

  /** Closes every connection with a close handshake (1001 going away), forcing any that hang. */
  async close(graceMs = 500): Promise<void> {
    if (this.#pinger) clearInterval(this.#pinger);
    const closing = [...this.#connections].map(
      ({ socket }) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === socket.CLOSED) return resolve();
          const force = setTimeout(() => socket.terminate(), graceMs);
          socket.once("close", () => {
            clearTimeout(force);
            resolve();
          });
          if (socket.readyState === socket.OPEN) socket.close(1001, "going away");
        }),
    );
    await Promise.all(closing);
    this.#connections.clear();
    this.#wss.close();
  }
}
