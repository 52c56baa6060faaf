import type { RequestLogEntry } from "@presence/graph-emulator";
import type { ApiCallRecord, DeliveryRecord } from "@presence/slack-emulator";

import type { BenchWorld } from "./bench-world.ts";
import type { SourceChange } from "./change-driver.ts";

/** Graph's request log holds the last 10,000 requests: the tap empties it into memory every 250 ms. */
export class GraphLogTap {
  readonly entries: RequestLogEntry[] = [];
  #timer: NodeJS.Timeout;

  constructor(private readonly world: BenchWorld) {
    this.#timer = setInterval(() => this.drain(), 250);
  }

  drain(): void {
    const control = this.world.graph.emulator.control;
    this.entries.push(...control.requests());
    control.clearRequests();
  }

  stop(): RequestLogEntry[] {
    clearInterval(this.#timer);
    this.drain();
    return this.entries;
  }
}

const SLACK_WRITES = new Set(["users.profile.set", "dnd.setSnooze", "dnd.endSnooze", "users.setPresence"]);
const GRAPH_WRITE = /\/users\/([^/]+)\/presence\/(setPresence|clearPresence|setStatusMessage)$/i;

export interface Latencies {
  changes: number;
  /** Bridge-added: the change reaches the bridge (Slack's event delivery; the Graph poll that saw it) → the write reaches the other side. */
  bridgeMs: number[];
  /** From the change in the person's client to the write (includes Graph's poll interval). */
  endToEndMs: number[];
  /** Changes whose write never came, by the side they were made on. */
  missing: number;
  missingBySide: { teams: number; slack: number; noArrival: number };
  /** Web API / Graph answers of 429. */
  throttled: number;
  /** Slack events delivered to the bridge (the changes' own and the echoes of its writes). */
  slackEvents: number;
  slackWrites: number;
  teamsWrites: number;
}

/** Sorted times per key, for "the first one at or after t". */
class Timeline {
  readonly #times = new Map<string, number[]>();
  add(key: string, at: number): void {
    const list = this.#times.get(key);
    if (list) list.push(at);
    else this.#times.set(key, [at]);
  }
  sort(): void {
    for (const list of this.#times.values()) list.sort((a, b) => a - b);
  }
  firstAtOrAfter(key: string, at: number): number | null {
    const list = this.#times.get(key);
    if (!list) return null;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((list[mid] as number) < at) low = mid + 1;
      else high = mid;
    }
    return list[low] ?? null;
  }
}

/**
 * Matches each change to the moment it reached the bridge and to the first write about that person
 * after it, from the emulators' own logs (the bridges are not asked).
 */
export function latencies(
  changes: readonly SourceChange[],
  from: number,
  graphLog: readonly RequestLogEntry[],
  slackCalls: readonly ApiCallRecord[],
  deliveries: readonly DeliveryRecord[],
): Latencies {
  const polls = new Timeline();
  const graphWrites = new Timeline();
  let throttled = 0;
  let teamsWrites = 0;
  for (const entry of graphLog) {
    const start = Date.parse(entry.at);
    if (start < from) continue;
    if (entry.status === 429) throttled += 1;
    for (const id of entry.subjects ?? []) polls.add(id, start + entry.durationMs);
    const write = GRAPH_WRITE.exec(entry.path);
    if (write?.[1] && entry.status < 300) {
      graphWrites.add(write[1].toLowerCase(), start);
      teamsWrites += 1;
    }
  }
  const slackWrites = new Timeline();
  let slackWriteCount = 0;
  for (const call of slackCalls) {
    if (call.at < from) continue;
    if (call.status === 429) throttled += 1;
    if (SLACK_WRITES.has(call.method) && call.userId && call.status < 300) {
      slackWrites.add(call.userId, call.at);
      slackWriteCount += 1;
    }
  }
  const arrivals = new Timeline();
  let slackEvents = 0;
  for (const delivery of deliveries) {
    const first = delivery.attempts[0];
    if (!first || first.at < from || delivery.kind !== "event_callback") continue;
    slackEvents += 1;
    const event = delivery.body.event as { user?: string | { id?: string } } | undefined;
    const user = typeof event?.user === "string" ? event.user : event?.user?.id;
    if (user) arrivals.add(user, first.at);
  }
  for (const timeline of [polls, graphWrites, slackWrites, arrivals]) timeline.sort();

  const bridgeMs: number[] = [];
  const endToEndMs: number[] = [];
  let missing = 0;
  const missingBySide = { teams: 0, slack: 0, noArrival: 0 };
  for (const change of changes) {
    const teams = change.side === "teams";
    const arrived = teams
      ? polls.firstAtOrAfter(change.person.teamsId, change.at)
      : arrivals.firstAtOrAfter(change.person.slackId, change.at);
    // The bridge cannot write before it has read; a millisecond of clock rounding is allowed.
    const written =
      arrived === null
        ? null
        : teams
          ? slackWrites.firstAtOrAfter(change.person.slackId, arrived - 1)
          : graphWrites.firstAtOrAfter(change.person.teamsId, arrived - 1);
    if (arrived === null || written === null) {
      missing += 1;
      missingBySide[change.side] += 1;
      if (arrived === null) missingBySide.noArrival += 1;
      continue;
    }
    bridgeMs.push(Math.max(0, written - arrived));
    endToEndMs.push(written - change.at);
  }
  return {
    changes: changes.length,
    bridgeMs,
    endToEndMs,
    missing,
    missingBySide,
    throttled,
    slackEvents,
    slackWrites: slackWriteCount,
    teamsWrites,
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
