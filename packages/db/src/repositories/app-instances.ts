import type { Db } from "../client.ts";
import type { AppInstance } from "../generated/prisma/client.ts";

/**
 * How recently an instance must have reported to count as alive (three missed 5 s heartbeats): the admin
 * overview shows older ones as down, and the jobs their workers hold are released (releaseOrphanedJobs).
 */
export const APP_INSTANCE_ALIVE_WITHIN_MS = 15_000;

export interface AppInstanceReport {
  id: string;
  service: string;
  apps: readonly string[];
  hostname: string;
  pid: number;
  startedAt: Date;
  checks: Record<string, string>;
  /** The graphile-worker ids of the process's workers. */
  workerIds: readonly string[];
}

/**
 * Records that a process is alive (and how its readiness checks went). `lastSeenAt` is the database's
 * clock, not the process's: liveness is judged against it across replicas whose clocks differ.
 */
export async function reportAppInstance(db: Db, report: AppInstanceReport): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "AppInstance" ("id", "service", "apps", "hostname", "pid", "startedAt", "lastSeenAt", "checks", "workerIds")
    VALUES (${report.id}, ${report.service}, ${[...report.apps]}::text[], ${report.hostname}, ${report.pid},
            ${report.startedAt}::timestamp, now(), ${JSON.stringify(report.checks)}::jsonb, ${[...report.workerIds]}::text[])
    ON CONFLICT ("id") DO UPDATE SET
      "service" = EXCLUDED."service", "apps" = EXCLUDED."apps", "hostname" = EXCLUDED."hostname",
      "pid" = EXCLUDED."pid", "startedAt" = EXCLUDED."startedAt", "lastSeenAt" = EXCLUDED."lastSeenAt",
      "checks" = EXCLUDED."checks", "workerIds" = EXCLUDED."workerIds"`;
}

export interface ReleaseOrphanedJobsOptions {
  /** Instances that reported within this long are alive; their workers' jobs are left alone. */
  aliveWithinMs: number;
  /** Only jobs locked at least this long are released (a new process's first report may not be in yet). */
  lockedForMs: number;
}

/**
 * Frees the queue jobs held by workers of no live instance (a process killed mid-job), so they run again
 * now rather than after graphile-worker's own 4 hours: one statement on the database's clock. Returns the
 * worker ids released.
 */
export async function releaseOrphanedJobs(db: Db, options: ReleaseOrphanedJobsOptions): Promise<string[]> {
  const rows = await db.$queryRaw<{ ids: string[] }[]>`
    WITH orphaned AS (
      SELECT array_agg(DISTINCT job.locked_by) AS ids
      FROM graphile_worker.jobs AS job
      WHERE job.locked_by IS NOT NULL
        AND job.locked_at < now() - ${options.lockedForMs}::int * interval '1 millisecond'
        AND NOT EXISTS (
          SELECT 1 FROM "AppInstance" AS instance
          WHERE job.locked_by = ANY (instance."workerIds")
            AND instance."lastSeenAt" >= now() - ${options.aliveWithinMs}::int * interval '1 millisecond')
    ),
    released AS (SELECT graphile_worker.force_unlock_workers(ids) FROM orphaned WHERE ids IS NOT NULL)
    SELECT ids FROM orphaned, released`;
  return rows[0]?.ids ?? [];
}

/**
 * Whether `app` was down everywhere and is back: every process of it alive now started within
 * `startedWithinMs` (none lived through), and some were killed (their rows are left: a clean stop removes
 * its row). Then those rows are taken (deleted) and their number returned, so one caller catches up on
 * what the app missed. Zero after clean stops, and while a process that was up before is still alive.
 * Start times are the processes' clocks, the rest the database's.
 */
export async function claimOutage(
  db: Db,
  app: string,
  options: { startedWithinMs: number; aliveWithinMs?: number },
): Promise<number> {
  const alive = options.aliveWithinMs ?? APP_INSTANCE_ALIVE_WITHIN_MS;
  const rows = await db.$queryRaw<{ id: string }[]>`
    DELETE FROM "AppInstance" AS dead
    WHERE ${app} = ANY (dead."apps")
      AND dead."lastSeenAt" < now() - ${alive}::int * interval '1 millisecond'
      AND NOT EXISTS (
        SELECT 1 FROM "AppInstance" AS survivor
        WHERE ${app} = ANY (survivor."apps")
          AND survivor."lastSeenAt" >= now() - ${alive}::int * interval '1 millisecond'
          AND survivor."startedAt" < now() - ${options.startedWithinMs}::int * interval '1 millisecond')
    RETURNING dead."id"`;
  return rows.length;
}

/** A process that stops takes itself off the list. */
export async function removeAppInstance(db: Db, id: string): Promise<void> {
  await db.appInstance.deleteMany({ where: { id } });
}

/** Processes seen within `withinMs`, newest start first; older rows are deleted. */
export async function listAppInstances(db: Db, withinMs: number, now = Date.now()): Promise<AppInstance[]> {
  await db.appInstance.deleteMany({ where: { lastSeenAt: { lt: new Date(now - 24 * 60 * 60_000) } } });
  return db.appInstance.findMany({
    where: { lastSeenAt: { gte: new Date(now - withinMs) } },
    orderBy: [{ service: "asc" }, { startedAt: "desc" }],
  });
}
