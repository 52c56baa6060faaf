/**
 * Fault injection: "the next N requests of a kind fail". Each surface renders a taken fault in its own wire format
 * (Entra token errors, Graph errors).
 */
export const FAULT_TARGETS = [
  "token",
  "graph",
  "presence",
  "presence-read",
  "presence-write",
  "users",
  "groups",
  "subscriptions",
  "outlook",
  "calendar",
  "mailbox-settings",
] as const;
export type FaultTarget = (typeof FAULT_TARGETS)[number];

/**
 * Which Graph request kinds a target covers (`graph` covers all of them, `presence` reads and writes, `outlook`
 * calendar and mailbox settings).
 */
export type GraphRequestKind =
  "presence-read" | "presence-write" | "users" | "groups" | "subscriptions" | "calendar" | "mailbox-settings";

export interface FaultSpec {
  target: FaultTarget;
  /** How many matching requests fail. Default 1. */
  count?: number;
  /** HTTP status. Default 429. */
  status?: number;
  /** Retry-After seconds. Default 1 for 429/503 and every token-endpoint fault; otherwise none. */
  retryAfterS?: number;
  /** Graph error code or Entra `error` value to send. Defaults depend on the status. */
  code?: string;
  message?: string;
}

export interface ActiveFault extends Required<Pick<FaultSpec, "target" | "status">> {
  id: number;
  remaining: number;
  retryAfterS?: number;
  code?: string;
  message?: string;
}

function covers(target: FaultTarget, kind: GraphRequestKind | "token"): boolean {
  if (target === kind) return true;
  if (kind === "token") return false;
  if (target === "graph") return true;
  if (target === "outlook") return kind === "calendar" || kind === "mailbox-settings";
  return target === "presence" && (kind === "presence-read" || kind === "presence-write");
}

export class FaultInjector {
  #faults: ActiveFault[] = [];
  #nextId = 1;

  add(spec: FaultSpec): ActiveFault {
    const status = spec.status ?? 429;
    const defaultRetryAfter = spec.target === "token" || status === 429 || status === 503 ? 1 : undefined;
    const retryAfterS = spec.retryAfterS ?? defaultRetryAfter;
    const fault: ActiveFault = {
      id: this.#nextId++,
      target: spec.target,
      status,
      remaining: spec.count ?? 1,
      ...(retryAfterS === undefined ? {} : { retryAfterS }),
      ...(spec.code === undefined ? {} : { code: spec.code }),
      ...(spec.message === undefined ? {} : { message: spec.message }),
    };
    this.#faults.push(fault);
    return fault;
  }

  /** Consumes one use of the first fault covering this request kind. */
  take(kind: GraphRequestKind | "token"): ActiveFault | undefined {
    const fault = this.#faults.find((f) => f.remaining > 0 && covers(f.target, kind));
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.#faults = this.#faults.filter((f) => f.remaining > 0);
    return { ...fault };
  }

  list(): ActiveFault[] {
    return this.#faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.#faults = [];
  }
}
