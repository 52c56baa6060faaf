export type DeliveryOutcome =
  "ok" | "http_error" | "http_timeout" | "connection_failed" | "timeout" | "no_connection";

export interface DeliveryAttempt {
  /** 0 for the first try, then 1..3 (`X-Slack-Retry-Num` / `retry_attempt`). */
  retryNum: number;
  retryReason: string;
  /** Real wall-clock ms. */
  at: number;
  outcome: DeliveryOutcome;
  status: number | null;
  /** The receiver answered `X-Slack-No-Retry: 1`. */
  noRetry: boolean;
  envelopeId: string | null;
  /** Set on the extra attempt a `duplicate` fault sends: the fault's id. */
  fault?: number;
}

export interface DeliveryRecord {
  id: number;
  appId: string;
  teamId: string;
  kind: "event_callback" | "app_rate_limited";
  /** The inner event type, or "app_rate_limited". */
  eventType: string;
  eventId: string | null;
  body: Record<string, unknown>;
  transport: "http" | "socket" | "none";
  attempts: DeliveryAttempt[];
  /**
   * pending → delivered | failed; undeliverable: no request URL and no Socket Mode; dropped: over the events
   * cap, or lost to a `drop` fault (then `fault` is set).
   */
  state: "pending" | "delivered" | "failed" | "undeliverable" | "dropped";
  /** The id of the injected fault that affected this delivery (see `injectFault`), else null. */
  fault: number | null;
}

export interface DeliveryFilter {
  appId?: string;
  eventType?: string;
  state?: DeliveryRecord["state"];
}

function matches(record: DeliveryRecord, filter: DeliveryFilter): boolean {
  return (
    (filter.appId === undefined || record.appId === filter.appId) &&
    (filter.eventType === undefined || record.eventType === filter.eventType) &&
    (filter.state === undefined || record.state === filter.state)
  );
}

/** Every event the emulator tried to deliver, with each attempt; tests can wait on it. */
export class DeliveryLog {
  readonly #records: DeliveryRecord[] = [];
  readonly #waiters = new Set<() => void>();

  add(record: Omit<DeliveryRecord, "id" | "attempts" | "fault">): DeliveryRecord {
    const full: DeliveryRecord = { ...record, id: this.#records.length + 1, attempts: [], fault: null };
    this.#records.push(full);
    this.changed();
    return full;
  }

  /** Call after mutating a record, to wake waiters. */
  changed(): void {
    for (const wake of [...this.#waiters]) wake();
  }

  list(filter: DeliveryFilter = {}): DeliveryRecord[] {
    return this.#records.filter((record) => matches(record, filter));
  }

  /** Resolves with the matching records once `predicate` holds for them (checked on every change). */
  waitFor(
    filter: DeliveryFilter,
    predicate: (records: DeliveryRecord[]) => boolean,
    timeoutMs: number,
  ): Promise<DeliveryRecord[]> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const records = this.list(filter);
        if (!predicate(records)) return false;
        cleanup();
        resolve(records);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for deliveries ${JSON.stringify(filter)}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      const waiter = (): void => {
        check();
      };
      this.#waiters.add(waiter);
      check();
    });
  }
}
