import { pgConfigFromUrl, SYNC_EVENTS_CHANNEL } from "@presence/db";
import type { Logger } from "@presence/telemetry";
import pg from "pg";

/** One batch of new audit events: the newest id, and the link they are about (null: several or none). */
export interface SyncEventNotice {
  maxId: string;
  linkId: string | null;
}

type Listener = (notice: SyncEventNotice) => void;

/**
 * New audit events as they are committed, for every browser that watches (Server-Sent Events): one
 * Postgres connection LISTENs on the channel `appendSyncEventRows` notifies, opened with the first
 * watcher and closed with the last; it reconnects after a dropped connection.
 */
export class SyncEventFeed {
  readonly #listeners = new Set<Listener>();
  /** Open event streams, ended when the server shuts down (they would keep it open). */
  readonly streams = new Set<{ end(): void }>();
  #client: pg.Client | null = null;
  #connecting: Promise<void> | null = null;
  #retry: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {}

  /** Watches new events until the returned function is called. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    void this.#connect();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) void this.#disconnect();
    };
  }

  get watchers(): number {
    return this.#listeners.size;
  }

  /** Ends every open event stream (browsers reconnect to another replica, or after the restart). */
  endStreams(): void {
    for (const stream of this.streams) stream.end();
    this.streams.clear();
  }

  async close(): Promise<void> {
    this.endStreams();
    this.#closed = true;
    this.#listeners.clear();
    await this.#disconnect();
  }

  #connect(): Promise<void> {
    if (this.#client || this.#closed) return Promise.resolve();
    this.#connecting ??= (async () => {
      const client = new pg.Client(pgConfigFromUrl(this.databaseUrl));
      client.on("notification", (message) => this.#deliver(message.payload));
      client.on("error", (error) => {
        this.logger.warn({ err: error }, "live updates: database connection lost; reconnecting");
        this.#drop(client);
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${SYNC_EVENTS_CHANNEL}`);
        this.#client = client;
      } catch (error) {
        this.logger.warn({ err: error }, "live updates: cannot listen; retrying in 5 s");
        this.#drop(client);
      }
    })().finally(() => {
      this.#connecting = null;
    });
    return this.#connecting;
  }

  #drop(client: pg.Client): void {
    if (this.#client === client) this.#client = null;
    void client.end().catch(() => undefined);
    if (!this.#closed && this.#listeners.size > 0 && !this.#retry) {
      this.#retry = setTimeout(() => {
        this.#retry = null;
        void this.#connect();
      }, 5_000);
      this.#retry.unref();
    }
  }

  async #disconnect(): Promise<void> {
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
    await this.#connecting;
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }

  #deliver(payload: string | undefined): void {
    let notice: SyncEventNotice;
    try {
      const parsed = JSON.parse(payload ?? "") as Partial<SyncEventNotice>;
      notice = { maxId: String(parsed.maxId ?? ""), linkId: parsed.linkId ?? null };
    } catch {
      return;
    }
    for (const listener of this.#listeners) listener(notice);
  }
}
