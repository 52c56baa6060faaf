import { createServer, type AddressInfo, type Server, type Socket } from "node:net";

import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80_877_103;
const GSSENC_REQUEST = 80_877_104;
const CANCEL_REQUEST = 80_877_102;
const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I'
const TERMINATE = 0x58; // 'X'

/**
 * Serves one PGlite instance (a single Postgres session) to many client connections over the
 * Postgres wire protocol. A connection owns the session from its first message until the session
 * is idle again (ReadyForQuery with status "I"), so neither an extended-protocol batch
 * (Parse/Bind/Execute/Sync) nor a transaction of one connection can interleave with another's.
 *
 * `@electric-sql/pglite-socket` 0.2.17 schedules single messages and only keeps connection affinity
 * inside transactions, so concurrent extended-protocol batches clobber each other's unnamed
 * statement and portal (electric-sql/pglite#1046); this server is the small fix, see ADR 0007.
 */
export class PgliteWireServer {
  private server: Server | undefined;
  private owner: Connection | undefined;
  private readonly waiting: { connection: Connection; grant: () => void }[] = [];
  private readonly connections = new Set<Connection>();

  constructor(private readonly db: PGlite) {}

  async listen(host: string, port: number): Promise<number> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    const connection = new Connection(socket);
    this.connections.add(connection);
    socket.on("data", (chunk: Buffer) =>
      connection.receive(chunk, (message) => this.forward(connection, message)),
    );
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      this.connections.delete(connection);
      void this.abandon(connection);
    });
  }

  /** Runs one message on the session once this connection owns it; answers the client. */
  private async forward(connection: Connection, message: Buffer): Promise<void> {
    await this.acquire(connection);
    const output = await this.db.runExclusive(() => this.db.execProtocolRaw(new Uint8Array(message)));
    if (!connection.socket.destroyed) connection.socket.write(output);
    if (endsIdle(output)) this.release(connection);
  }

  private acquire(connection: Connection): Promise<void> {
    if (this.owner === undefined || this.owner === connection) {
      this.owner = connection;
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiting.push({ connection, grant }));
  }

  private release(connection: Connection): void {
    if (this.owner !== connection) return;
    const next = this.waiting.shift();
    this.owner = next?.connection;
    next?.grant();
  }

  /** A client that went away mid-transaction must not leave the shared session in it. */
  private async abandon(connection: Connection): Promise<void> {
    const queued = this.waiting.findIndex((w) => w.connection === connection);
    if (queued >= 0) this.waiting.splice(queued, 1);
    if (this.owner !== connection) return;
    await connection.done;
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK").catch(() => undefined);
    this.release(connection);
  }
}

/** One client connection: frames its byte stream into protocol messages and forwards them in order. */
class Connection {
  private buffer = Buffer.alloc(0);
  private started = false;
  /** Resolves when every message received so far has been answered. */
  done: Promise<void> = Promise.resolve();

  constructor(readonly socket: Socket) {}

  receive(chunk: Buffer, forward: (message: Buffer) => Promise<void>): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const message = this.next();
      if (!message) return;
      if (message[0] === TERMINATE) {
        // The session is shared: a client's goodbye closes its socket, never the session.
        this.socket.end();
        return;
      }
      this.done = this.done.then(() => forward(message)).catch(() => void this.socket.destroy());
    }
  }

  /** The next complete message to forward, answering the pre-startup requests itself. */
  private next(): Buffer | undefined {
    if (!this.started) {
      if (this.buffer.length < 8) return undefined;
      const length = this.buffer.readInt32BE(0);
      if (this.buffer.length < length) return undefined;
      const code = this.buffer.readInt32BE(4);
      const message = this.take(length);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        this.socket.write("N");
        return this.next();
      }
      if (code === CANCEL_REQUEST) return this.next();
      this.started = true;
      return message;
    }
    if (this.buffer.length < 5) return undefined;
    const length = 1 + this.buffer.readInt32BE(1);
    if (this.buffer.length < length) return undefined;
    return this.take(length);
  }

  private take(length: number): Buffer {
    const message = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return Buffer.from(message);
  }
}

/** Whether the backend's output ends with ReadyForQuery in the idle state (no transaction open). */
function endsIdle(output: Uint8Array): boolean {
  let offset = 0;
  let lastIdle = false;
  while (offset + 5 <= output.length) {
    const type = output[offset];
    const length =
      ((output[offset + 1] ?? 0) << 24) |
      ((output[offset + 2] ?? 0) << 16) |
      ((output[offset + 3] ?? 0) << 8) |
      (output[offset + 4] ?? 0);
    lastIdle = type === READY_FOR_QUERY && output[offset + 5] === IDLE;
    offset += 1 + length;
  }
  return lastIdle;
}
