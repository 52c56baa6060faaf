export type Surface = "entra" | "graph" | "control" | "other";

export interface RequestLogEntry {
  at: string;
  method: string;
  /** Path as received, without the query. */
  path: string;
  /** Query string without the leading `?` ("" when none). */
  query: string;
  host: string;
  surface: Surface;
  status: number;
  requestId: string;
  /** Calling app: token `appid` on Graph, `client_id` on the token endpoint. */
  appId?: string;
  /** Signed-in user of a delegated token. */
  userId?: string;
  tenantId?: string;
  tokenKind?: "app" | "delegated";
  /** Set when an injected fault produced the answer. */
  fault?: boolean;
  /** The users a many-user read named (getPresencesByUserId's ids). */
  subjects?: string[];
  durationMs: number;
}

/** Every HTTP request the emulator answered, in order. */
export class RequestLog {
  #entries: RequestLogEntry[] = [];

  constructor(private readonly capacity = 10_000) {}

  add(entry: RequestLogEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.capacity) this.#entries.splice(0, this.#entries.length - this.capacity);
  }

  entries(
    filter?: Partial<Pick<RequestLogEntry, "surface" | "appId" | "userId" | "method">>,
  ): RequestLogEntry[] {
    return this.#entries.filter((e) =>
      Object.entries(filter ?? {}).every(([k, v]) => e[k as keyof RequestLogEntry] === v),
    );
  }

  clear(): void {
    this.#entries = [];
  }
}
