// Raw HTTP for hostile-input tests: requests sent exactly as the test wrote them (any method, any
// headers, Host included, any bytes), each on a fresh connection, and huge bodies streamed until the
// server answers. fetch would normalise, refuse or buffer much of that.
import { request, type IncomingHttpHeaders } from "node:http";

/** One request as it is to be sent. */
export interface RawRequest {
  /** Default POST. */
  method?: string;
  /** Path and query, sent as they are (neither encoded nor checked). */
  path: string;
  /**
   * Headers sent as they are; one whose value is undefined is left out. A `host` here, even an empty
   * one, is sent instead of the server's own.
   */
  headers?: Record<string, string | undefined>;
  /** Any bytes, framed by a Content-Length of their size (Node would send a GET's body unframed). */
  body?: string | Uint8Array;
  /** The local address to connect from (another 127.0.0.x, e.g. for a per-client rate limit). */
  localAddress?: string;
}

/** What the server answered. */
export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The whole body, as UTF-8 text. */
  body: string;
}

/**
 * Sends one request to the server at `baseUrl` (only its host and port count) on a fresh connection,
 * with any headers (Host too) and any bytes, and reads the whole answer; its status is counted in
 * `tally`, if one is given.
 */
export function sendRaw(baseUrl: string, sent: RawRequest, tally?: StatusTally): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  const headers = Object.fromEntries(
    Object.entries(sent.headers ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  if (sent.body !== undefined) headers["content-length"] = String(Buffer.byteLength(sent.body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: sent.method ?? "POST",
        path: sent.path,
        headers,
        // A Host of the test's choosing, even an empty one, is sent as it is.
        setHost: !("host" in headers),
        agent: false,
        ...(sent.localAddress ? { localAddress: sent.localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          tally?.add(res.statusCode ?? 0);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(sent.body);
  });
}

/**
 * A query string (no `?`) of `name=value` pairs, as they are: neither encoded nor checked, a name
 * repeated for each of several values.
 */
export function rawQuery(params: Record<string, string | readonly string[]>): string {
  return Object.entries(params)
    .flatMap(([key, values]) => (typeof values === "string" ? [values] : values).map((v) => `${key}=${v}`))
    .join("&");
}

/** A huge body to stream with {@link streamHugeBody}. */
export interface HugeBody {
  /** Path and query; the request is a POST. */
  path: string;
  /** How many bytes to send at most. */
  size: number;
  /** Whether to send `Content-Length: size` (otherwise the body is chunked). */
  declareLength: boolean;
  /** Other headers (Content-Type, Authorization…); one whose value is undefined is left out. */
  headers?: Record<string, string | undefined>;
  /** What each 64 KiB piece of the body starts with (e.g. `{"value":[`, so that it reads as JSON). */
  prefix?: string;
  /** What fills the rest of each piece: default a space. */
  fill?: string;
}

/**
 * Streams a body of `size` bytes to the server at `baseUrl`, 64 KiB at a time, and stops as soon as an
 * answer comes (closing the connection once it is read). `sentBeforeAnswer` tells how many bytes had
 * been written by then, so whether the server read the body whole before answering; a server that
 * answers early and closes the connection is no error. The status is counted in `tally`, if one is given.
 */
export function streamHugeBody(
  baseUrl: string,
  body: HugeBody,
  tally?: StatusTally,
): Promise<{ status: number; sentBeforeAnswer: number }> {
  const url = new URL(baseUrl);
  const { path, size, declareLength } = body;
  const chunk = Buffer.alloc(64 * 1024, body.fill ?? " ");
  if (body.prefix) chunk.write(body.prefix);
  const headers = Object.fromEntries(
    Object.entries(body.headers ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  if (declareLength) headers["content-length"] = String(size);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request({ host: url.hostname, port: url.port, method: "POST", path, agent: false, headers });
    req.on("response", (res) => {
      answered = true;
      const at = sent;
      res.resume();
      res.on("end", () => {
        tally?.add(res.statusCode ?? 0);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, sentBeforeAnswer: at });
      });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < size) {
        const piece = size - sent >= chunk.length ? chunk : chunk.subarray(0, size - sent);
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** How a test's requests were answered (status → count), for its summary line. */
export class StatusTally {
  readonly #counts = new Map<number, number>();

  /** Counts one answer with this status. */
  add(status: number): void {
    this.#counts.set(status, (this.#counts.get(status) ?? 0) + 1);
  }

  /** Each status with its count, lowest status first: `200×3 401×57 413×2`. */
  summary(): string {
    return [...this.#counts]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}×${n}`)
      .join(" ");
  }
}
