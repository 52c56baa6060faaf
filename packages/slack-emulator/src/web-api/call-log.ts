import type { TokenKind } from "../world/types.ts";

/** One Web API call as the emulator received and answered it. */
export interface ApiCallRecord {
  seq: number;
  /** Emulator clock, epoch ms. */
  at: number;
  method: string;
  httpMethod: string;
  token: string | null;
  tokenKind: TokenKind | null;
  appId: string | null;
  teamId: string | null;
  userId: string | null;
  args: Record<string, unknown>;
  status: number;
  response: Record<string, unknown>;
  /** `error` of an `{ok:false}` answer (including `ratelimited`). */
  error: string | null;
  retryAfter: number | null;
  specViolations: string[];
  /** The id of the injected fault that shaped this answer (see `injectFault`), else null. */
  fault: number | null;
}

export interface CallFilter {
  method?: string;
  token?: string;
  status?: number;
  error?: string;
  appId?: string;
  fault?: number;
}

export class CallLog {
  readonly #calls: ApiCallRecord[] = [];

  add(record: Omit<ApiCallRecord, "seq">): ApiCallRecord {
    const full = { seq: this.#calls.length + 1, ...record };
    this.#calls.push(full);
    return full;
  }

  list(filter: CallFilter = {}): ApiCallRecord[] {
    return this.#calls.filter(
      (call) =>
        (filter.method === undefined || call.method === filter.method) &&
        (filter.token === undefined || call.token === filter.token) &&
        (filter.status === undefined || call.status === filter.status) &&
        (filter.error === undefined || call.error === filter.error) &&
        (filter.appId === undefined || call.appId === filter.appId) &&
        (filter.fault === undefined || call.fault === filter.fault),
    );
  }

  clear(): void {
    this.#calls.length = 0;
  }
}
