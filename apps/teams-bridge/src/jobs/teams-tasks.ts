import { BridgeError } from "@presence/core";
import { addJob, enqueueDueRefreshes } from "@presence/pipeline";
import type { CronItem, TaskList } from "graphile-worker";
import { z } from "zod";

import { directoryRetryMs } from "./directory-retry.ts";
import { syncDirectory } from "./directory-sync.ts";
import type { SubscriptionManager } from "../inbound/subscription-manager.ts";
import { fetchNotified } from "../inbound/fetch-notified.ts";
import type { PresenceReader } from "../inbound/presence-reader.ts";
import { outlookTasks } from "../outlook/outlook-tasks.ts";
import type { ScheduleReader } from "../outlook/schedule-reader.ts";
import { budgetedIntervals, dueReads, nextReadAt } from "../inbound/read-schedule.ts";
import { coveredPeople, linkedPeople, readModeOf } from "../inbound/watched-people.ts";
import type { TeamsContext } from "../teams-context.ts";
import type { TeamsSettings } from "../teams-settings.ts";
import {
  TEAMS_TASKS,
  chainKeys,
  directoryChain,
  ensureChain,
  holdsChain,
  outlookChain,
  readChain,
  scheduleChain,
  subscriptionChain,
  type ChainJob,
} from "./job-chains.ts";

export interface TeamsTaskDeps extends TeamsContext {
  reader: PresenceReader;
  subscriptions: SubscriptionManager;
  schedules: ScheduleReader;
}

const ZTenantPayload = z.object({ tenantId: z.string().min(1) });
const ZReadPayload = ZTenantPayload.extend({
  lastPollAt: z.number().optional(),
  lastReconcileAt: z.number().optional(),
});
const ZLifecyclePayload = ZTenantPayload.extend({
  subscriptionId: z.string().min(1),
  event: z.enum(["reauthorizationRequired", "subscriptionRemoved", "missed"]),
});

/** The chains of one tenant (and the global hold refresher), as the supervisor starts them. */
export function teamsChains(settings: TeamsSettings): ChainJob[] {
  const tenantId = settings.tenantId;
  return [
    readChain(tenantId),
    subscriptionChain(tenantId),
    holdsChain(),
    ...(settings.timing.directorySyncMs > 0 ? [directoryChain(tenantId)] : []),
    ...(settings.timing.outlookReadIntervalMs > 0 ? [outlookChain(tenantId)] : []),
  ];
}

/** Starts every missing chain (at start, and once a minute from cron, on whichever replica runs it). */
export async function superviseChains(context: Pick<TeamsContext, "db" | "settings" | "now">): Promise<void> {
  for (const chain of teamsChains(context.settings)) await ensureChain(context.db, chain, context.now());
}

/**
 * The Teams bridge's background work as graphile-worker tasks. Chains never fail: each run catches
 * what went wrong, logs it and schedules the next run (at Retry-After when Graph throttled), so a
 * Graph outage never stops them.
 */
export function teamsTasks(deps: TeamsTaskDeps): TaskList {
  const { db, settings, logger } = deps;
  const { timing } = settings;

  return {
    [TEAMS_TASKS.read]: async (raw) => {
      const payload = ZReadPayload.parse(raw);
      const next = await readTenant(deps, payload);
      await scheduleChain(db, readChain(payload.tenantId, next.payload), next.at);
    },

    [TEAMS_TASKS.fetch]: async (raw) => {
      const { tenantId } = ZTenantPayload.parse(raw);
      let runAgainAt: number | null = null;
      try {
        if (await fetchNotified(db, deps.reader, tenantId)) runAgainAt = deps.now();
      } catch (thrown) {
        const error = BridgeError.from(thrown);
        if (error.code !== "rate_limited") throw error;
        runAgainAt = deps.now() + (error.retryAfterMs ?? 30_000);
      }
      if (runAgainAt !== null)
        await addJob(
          db,
          TEAMS_TASKS.fetch,
          { tenantId },
          {
            jobKey: chainKeys.fetch(tenantId),
            jobKeyMode: "replace",
            runAt: new Date(runAgainAt),
            maxAttempts: 10,
          },
        );
    },

    [TEAMS_TASKS.subscriptions]: async (raw) => {
      const { tenantId } = ZTenantPayload.parse(raw);
      let at = deps.now() + Math.min(timing.subscriptionCheckIntervalMs, 30_000);
      try {
        at = await deps.subscriptions.maintain(tenantId);
      } catch (error) {
        logger.error({ err: error }, "subscription upkeep failed");
      }
      await scheduleChain(db, subscriptionChain(tenantId), Math.max(deps.now() + 100, at));
    },

    [TEAMS_TASKS.lifecycle]: async (raw) => {
      const payload = ZLifecyclePayload.parse(raw);
      await deps.subscriptions.lifecycle(payload.tenantId, payload.subscriptionId, payload.event);
    },

    [TEAMS_TASKS.holds]: async () => {
      try {
        await enqueueDueRefreshes(db, "teams", new Date(deps.now() + timing.holdRefreshTickMs));
      } catch (error) {
        logger.error({ err: error }, "could not schedule hold refreshes");
      }
      await scheduleChain(db, holdsChain(), deps.now() + timing.holdRefreshTickMs);
    },

    [TEAMS_TASKS.directory]: async (raw) => {
      const { tenantId } = ZTenantPayload.parse(raw);
      let at = deps.now() + timing.directorySyncMs;
      try {
        const count = await syncDirectory(deps.graph, db, tenantId);
        logger.info({ users: count }, "Entra directory read");
      } catch (thrown) {
        const error = BridgeError.from(thrown);
        logger.warn({ code: error.code, err: error.message }, "could not read the Entra directory");
        at = deps.now() + directoryRetryMs(error, timing.directorySyncMs);
      }
      if (timing.directorySyncMs > 0) await scheduleChain(db, directoryChain(tenantId), at);
    },

    [TEAMS_TASKS.supervise]: async () => {
      await superviseChains(deps);
    },

    ...outlookTasks(deps),
  };
}

/** Once a minute (graphile-worker cron runs each tick once across replicas). */
export function teamsCron(): CronItem[] {
  return [
    {
      task: TEAMS_TASKS.supervise,
      match: "* * * * *",
      identifier: TEAMS_TASKS.supervise,
      options: { backfillPeriod: 0, maxAttempts: 1 },
    },
  ];
}

/**
 * One run of the read chain: which linked people each path covers (subscriptions in notify mode, the
 * rest polled), which reads are due within the budget, the reads, and when to run next.
 */
export async function readTenant(
  deps: Pick<TeamsTaskDeps, "db" | "settings" | "reader" | "logger" | "graph" | "now">,
  clock: z.infer<typeof ZReadPayload>,
): Promise<{ at: number; payload: z.infer<typeof ZReadPayload> }> {
  const { db, settings, reader, logger, graph } = deps;
  const tenantId = clock.tenantId;
  const now = deps.now();
  const people = await linkedPeople(db, tenantId);
  const mode = await readModeOf(db, tenantId, settings.defaultReadMode);
  const covered = mode === "notify" ? await coveredPeople(db, tenantId, now) : new Set<string>();
  const reconciled = people.filter((id) => covered.has(id));
  const polled = people.filter((id) => !covered.has(id));
  graph.metrics.watched.set({ path: "poll" }, polled.length);
  const intervals = budgetedIntervals(settings.timing, polled.length, reconciled.length);
  if (intervals.stretched)
    logger.warn(
      { pollMs: intervals.pollMs, reconcileMs: intervals.reconcileMs, people: people.length },
      "reading every linked person this often would exceed GRAPH_READ_BUDGET_PER_30_SECONDS: reading less often",
    );
  const due = dueReads(clock, now, intervals);
  const next = { ...clock };
  const run = async (kind: "poll" | "reconcile", ids: string[]) => {
    if (kind === "poll") next.lastPollAt = now;
    else next.lastReconcileAt = now;
    if (ids.length === 0) return;
    const source = kind === "poll" ? "graph:poll" : "graph:reconcile";
    const result = await reader.read(tenantId, ids, source);
    graph.metrics.polls.inc({ kind, outcome: "done" });
    if (result.changed > 0) logger.debug({ kind, ...result }, "presence read");
  };
  try {
    if (due.poll) await run("poll", polled);
    if (due.reconcile && reconciled.length > 0) await run("reconcile", reconciled);
  } catch (thrown) {
    const error = BridgeError.from(thrown);
    graph.metrics.polls.inc({ kind: "any", outcome: error.code });
    logger.warn({ code: error.code, err: error.message }, "presence read failed");
    if (error.code === "rate_limited") return { at: now + (error.retryAfterMs ?? 30_000), payload: next };
  }
  return {
    at: Math.max(deps.now() + 50, nextReadAt(next, now, intervals, reconciled.length > 0)),
    payload: next,
  };
}
