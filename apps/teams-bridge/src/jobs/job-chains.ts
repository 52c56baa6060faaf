import type { DbClient } from "@presence/db";
import { addJob, hasPendingJob } from "@presence/pipeline";

/** graphile-worker task names of the Teams bridge. */
export const TEAMS_TASKS = {
  /** Self-rescheduling, one per tenant: polls and reconciliation polls. */
  read: "teams_read",
  /** Reads the presence of the people change notifications named (batched, keyed per tenant). */
  fetch: "teams_fetch",
  /** Self-rescheduling, one per tenant: assigns people to service accounts; creates, renews and checks subscriptions. */
  subscriptions: "teams_subscriptions",
  /** One lifecycle notification (reauthorizationRequired, subscriptionRemoved, missed). */
  lifecycle: "teams_subscription_lifecycle",
  /** Self-rescheduling: schedules refresh writes for held sessions (keep-alive, expiry). */
  holds: "teams_refresh_holds",
  /** Self-rescheduling, one per tenant: reads the Entra directory for linking by e-mail. */
  directory: "teams_directory_sync",
  /** Self-rescheduling, one per tenant: reads linked people's Outlook calendars and automatic replies. */
  outlook: "teams_outlook_read",
  /** Cron, once a minute across replicas: starts any chain that is missing. */
  supervise: "teams_supervise",
} as const;

export const chainKeys = {
  read: (tenantId: string) => `teams-read:${tenantId}`,
  fetch: (tenantId: string) => `teams-fetch:${tenantId}`,
  subscriptions: (tenantId: string) => `teams-subscriptions:${tenantId}`,
  directory: (tenantId: string) => `teams-directory:${tenantId}`,
  holds: () => "teams-refresh-holds",
  outlook: (tenantId: string) => `teams-outlook:${tenantId}`,
};

/** Subscription work for one tenant runs one job at a time (the chain and lifecycle events). */
export const subscriptionQueue = (tenantId: string) => `teams-subscriptions:${tenantId}`;

export interface ChainJob {
  task: string;
  key: string;
  payload: object;
  queueName?: string;
}

/** The read chain of a tenant; its payload carries when each kind of read last ran. */
export function readChain(tenantId: string, clock: object = {}): ChainJob {
  return { task: TEAMS_TASKS.read, key: chainKeys.read(tenantId), payload: { ...clock, tenantId } };
}

/** The subscription chain of a tenant (in the tenant's subscription queue). */
export function subscriptionChain(tenantId: string): ChainJob {
  return {
    task: TEAMS_TASKS.subscriptions,
    key: chainKeys.subscriptions(tenantId),
    payload: { tenantId },
    queueName: subscriptionQueue(tenantId),
  };
}

export function directoryChain(tenantId: string): ChainJob {
  return { task: TEAMS_TASKS.directory, key: chainKeys.directory(tenantId), payload: { tenantId } };
}

export function outlookChain(tenantId: string): ChainJob {
  return { task: TEAMS_TASKS.outlook, key: chainKeys.outlook(tenantId), payload: { tenantId } };
}

export function holdsChain(): ChainJob {
  return { task: TEAMS_TASKS.holds, key: chainKeys.holds(), payload: {} };
}

/**
 * Schedules the next run of a chain: graphile-worker cron ticks once a minute, and these duties run
 * every few seconds, so each run schedules the next under a job key — one pending run per chain
 * across all replicas (a run scheduled from inside the running job replaces nothing it should not:
 * graphile-worker frees the running job's key and inserts the next run).
 */
export async function scheduleChain(db: DbClient, job: ChainJob, runAt: number): Promise<void> {
  await addJob(db, job.task, job.payload, {
    jobKey: job.key,
    jobKeyMode: "replace",
    runAt: new Date(runAt),
    maxAttempts: 5,
    ...(job.queueName ? { queueName: job.queueName } : {}),
  });
}

/** Starts a chain unless a run of it is pending or running (never disturbs a scheduled one). */
export async function ensureChain(db: DbClient, job: ChainJob, now: number): Promise<boolean> {
  if (await hasPendingJob(db, job.key)) return false;
  await scheduleChain(db, job, now);
  return true;
}
