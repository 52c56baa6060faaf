import type { z } from "zod";
import type { EventFaultKind, WebApiFaultKind, faultInput } from "./fault-input.ts";

interface FaultCounters {
  id: number;
  /** How many calls or events it may still affect in total (null: no limit). */
  times: number | null;
  probability: number;
  /** How many calls or events it has affected so far. */
  fired: number;
  /** times − fired (null: no limit). */
  remaining: number | null;
}

export interface WebApiFault extends FaultCounters {
  target: "web-api";
  /** null: every method. */
  method: string | null;
  kind: WebApiFaultKind;
  /** The HTTP status answered (kind "status"). */
  status?: number;
  retryAfterSeconds?: number;
  /** The `error` of the `{ok:false}` body (kinds "status" and "slack_error"). */
  error?: string;
  delayMs?: number;
}

export interface EventFault extends FaultCounters {
  target: "events";
  /** null: every event type. */
  eventType: string | null;
  kind: EventFaultKind;
  delayMs?: number;
}

export type ActiveFault = WebApiFault | EventFault;

/** The `error` Slack puts in the body of a non-200 answer. */
function errorForStatus(status: number): string {
  if (status === 429) return "ratelimited";
  if (status === 503) return "service_unavailable";
  return "internal_error";
}

type WebApiInput = Extract<z.output<typeof faultInput>, { target: "web-api" }>;

/** What a web-api fault answers: the status and body error filled in with Slack's defaults. */
function answerFields(input: WebApiInput): Pick<WebApiFault, "status" | "error" | "retryAfterSeconds"> {
  if (input.kind === "slack_error") return { error: input.error ?? "internal_error" };
  if (input.kind !== "status") return {};
  const status = input.status ?? 500;
  const retryAfterSeconds = input.retryAfterSeconds ?? (status === 429 ? 1 : undefined);
  return {
    status,
    error: input.error ?? errorForStatus(status),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}

function normalize(id: number, input: z.output<typeof faultInput>): ActiveFault {
  const times = input.times ?? null;
  const counters = { id, times, probability: input.probability, fired: 0, remaining: times };
  const delay = input.delayMs === undefined ? {} : { delayMs: input.delayMs };
  if (input.target === "events")
    return { ...counters, target: "events", eventType: input.eventType ?? null, kind: input.kind, ...delay };
  return {
    ...counters,
    target: "web-api",
    method: input.method ?? null,
    kind: input.kind,
    ...answerFields(input),
    ...delay,
  };
}

/**
 * Injected faults: each matching Web API call or event delivery takes the first fault that matches and wins
 * its probability roll; a fault with `times` is gone once it has fired that often.
 */
export class FaultInjector {
  #faults: ActiveFault[] = [];
  #nextId = 1;

  constructor(private readonly random: () => number = Math.random) {}

  add(input: z.output<typeof faultInput>): ActiveFault {
    const fault = normalize(this.#nextId++, input);
    this.#faults.push(fault);
    return { ...fault };
  }

  /** The fault this call to `/api/<method>` suffers, if any (counted as fired). */
  takeWebApi(method: string): WebApiFault | undefined {
    return this.#take(
      (f): f is WebApiFault => f.target === "web-api" && (f.method === null || f.method === method),
    );
  }

  /** The fault this event delivery suffers, if any; `reorder: false` skips reorder faults. */
  takeEvent(eventType: string, options: { reorder: boolean }): EventFault | undefined {
    return this.#take(
      (f): f is EventFault =>
        f.target === "events" &&
        (f.eventType === null || f.eventType === eventType) &&
        (options.reorder || f.kind !== "reorder"),
    );
  }

  #take<F extends ActiveFault>(matches: (fault: ActiveFault) => fault is F): F | undefined {
    for (const fault of this.#faults) {
      if (!matches(fault)) continue;
      if (fault.probability < 1 && !(this.random() < fault.probability)) continue;
      fault.fired += 1;
      if (fault.times !== null) fault.remaining = fault.times - fault.fired;
      if (fault.remaining === 0) this.#faults = this.#faults.filter((f) => f !== fault);
      return { ...fault };
    }
    return undefined;
  }

  list(): ActiveFault[] {
    return this.#faults.map((f) => ({ ...f }));
  }

  /** Removes one fault; undefined when there is no active fault with that id. */
  remove(id: number): ActiveFault | undefined {
    const fault = this.#faults.find((f) => f.id === id);
    this.#faults = this.#faults.filter((f) => f.id !== id);
    return fault ? { ...fault } : undefined;
  }

  /** Removes every fault, returning how many were active. */
  clear(): number {
    const count = this.#faults.length;
    this.#faults = [];
    return count;
  }
}
