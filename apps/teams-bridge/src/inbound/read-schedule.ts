import type { TeamsTiming } from "../teams-settings.ts";
import { MAX_IDS_PER_REQUEST } from "./presence-reader.ts";

const WINDOW_MS = 30_000;

export interface ReadIntervals {
  /** Between two polls of the people no subscription covers. */
  pollMs: number;
  /** Between two reconciliation polls of the people subscriptions cover. */
  reconcileMs: number;
  /** Requests per 30 s these intervals cost. */
  requestsPer30s: number;
  /** True when the configured intervals had to be lengthened to stay inside the read budget. */
  stretched: boolean;
}

/** Requests per 30 s to read `people` every `intervalMs` (one request per 650 people). */
export function readCost(people: number, intervalMs: number): number {
  if (people === 0) return 0;
  return Math.ceil(people / MAX_IDS_PER_REQUEST) * (WINDOW_MS / intervalMs);
}

/**
 * The intervals to read at: the configured ones, lengthened in proportion when reading that often
 * would spend more than GRAPH_READ_BUDGET_PER_30_SECONDS (Graph allows 1,500 presence requests per
 * 30 s per app and tenant, writes and keep-alives included).
 */
export function budgetedIntervals(
  timing: Pick<TeamsTiming, "pollIntervalMs" | "reconcileIntervalMs" | "readBudgetPer30s">,
  polled: number,
  covered: number,
): ReadIntervals {
  const cost = readCost(polled, timing.pollIntervalMs) + readCost(covered, timing.reconcileIntervalMs);
  if (cost <= timing.readBudgetPer30s)
    return {
      pollMs: timing.pollIntervalMs,
      reconcileMs: timing.reconcileIntervalMs,
      requestsPer30s: cost,
      stretched: false,
    };
  const factor = cost / timing.readBudgetPer30s;
  return {
    pollMs: Math.ceil(timing.pollIntervalMs * factor),
    reconcileMs: Math.ceil(timing.reconcileIntervalMs * factor),
    requestsPer30s: timing.readBudgetPer30s,
    stretched: true,
  };
}

/** When each kind of read last ran (epoch ms); carried from one run of the read job to the next. */
export interface ReadClock {
  lastPollAt?: number | undefined;
  lastReconcileAt?: number | undefined;
}

/** Which reads are due now. */
export function dueReads(
  clock: ReadClock,
  now: number,
  intervals: ReadIntervals,
): { poll: boolean; reconcile: boolean } {
  return {
    poll: clock.lastPollAt === undefined || now - clock.lastPollAt >= intervals.pollMs,
    reconcile: clock.lastReconcileAt === undefined || now - clock.lastReconcileAt >= intervals.reconcileMs,
  };
}

/** When the read job should run next. */
export function nextReadAt(
  clock: ReadClock,
  now: number,
  intervals: ReadIntervals,
  anyCovered: boolean,
): number {
  const poll = (clock.lastPollAt ?? now) + intervals.pollMs;
  if (!anyCovered) return poll;
  return Math.min(poll, (clock.lastReconcileAt ?? now) + intervals.reconcileMs);
}
