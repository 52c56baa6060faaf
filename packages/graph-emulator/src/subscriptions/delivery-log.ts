export interface DeliveryRecord {
  at: string;
  kind: "validation" | "change" | "lifecycle";
  url: string;
  subscriptionId?: string;
  attempt: number;
  status?: number;
  error?: string;
  durationMs: number;
  ok: boolean;
}

/** Every POST the emulator made to a subscriber, for inspection in tests and the demo. */
export class DeliveryLog {
  #records: DeliveryRecord[] = [];

  add(record: DeliveryRecord): void {
    this.#records.push(record);
    if (this.#records.length > 10_000) this.#records.shift();
  }

  records(): DeliveryRecord[] {
    return [...this.#records];
  }

  clear(): void {
    this.#records = [];
  }
}
