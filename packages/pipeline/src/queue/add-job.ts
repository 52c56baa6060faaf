import { Prisma, type Db } from "@presence/db";

export interface AddJobOptions {
  queueName?: string;
  runAt?: Date;
  maxAttempts?: number;
  jobKey?: string;
  /** graphile-worker job_key_mode: replace | preserve_run_at | unsafe_dedupe. */
  jobKeyMode?: "replace" | "preserve_run_at" | "unsafe_dedupe";
  /** Lower runs first among due jobs (graphile-worker's priority, a smallint; default 0). */
  priority?: number;
}

/**
 * Adds a graphile-worker job inside the caller's transaction (Prisma client or interactive
 * transaction), so the job exists if and only if the transaction commits.
 */
export async function addJob(
  db: Db,
  task: string,
  payload: unknown,
  options: AddJobOptions = {},
): Promise<void> {
  await db.$executeRaw`SELECT ${addJobCall(task, payload, options)}`;
}

/**
 * Adds a job unless its source event id was taken in already, in one statement (no transaction of its
 * own: the dedupe record and the job are stored together or not at all). True when the job was added.
 */
export async function addJobForNewEvent(
  db: Db,
  event: { source: string; eventId: string },
  task: string,
  payload: unknown,
  options: AddJobOptions = {},
): Promise<boolean> {
  const added = await db.$queryRaw<{ id: string }[]>`
    WITH fresh AS (
      INSERT INTO "InboundEvent" ("source", "eventId") VALUES (${event.source}, ${event.eventId})
      ON CONFLICT ("source", "eventId") DO NOTHING
      RETURNING 1)
    SELECT (${addJobCall(task, payload, options)}).id::text AS id FROM fresh`;
  return added.length === 1;
}

function addJobCall(task: string, payload: unknown, options: AddJobOptions): Prisma.Sql {
  return Prisma.sql`graphile_worker.add_job(
    identifier := ${task},
    payload := ${JSON.stringify(payload)}::json,
    queue_name := ${options.queueName ?? null}::text,
    run_at := ${options.runAt ?? null}::timestamptz,
    max_attempts := ${options.maxAttempts ?? null}::int,
    job_key := ${options.jobKey ?? null}::text,
    priority := ${options.priority ?? null}::int,
    job_key_mode := ${options.jobKeyMode ?? "replace"}::text
  )`;
}

/**
 * Adds jobs of one task (no key, queue or run time) in one statement — graphile-worker's `add_jobs` —
 * inside the caller's transaction.
 */
export async function addJobs(
  db: Db,
  task: string,
  payloads: readonly unknown[],
  options: { maxAttempts?: number } = {},
): Promise<void> {
  if (payloads.length === 0) return;
  await db.$queryRaw`SELECT count(*)::int AS n FROM graphile_worker.add_jobs(ARRAY(
    SELECT ROW(${task}, p::json, NULL, NULL, ${options.maxAttempts ?? null}::int, NULL, NULL, NULL)::graphile_worker.job_spec
    FROM unnest(${payloads.map((p) => JSON.stringify(p))}::text[]) WITH ORDINALITY AS t(p, n) ORDER BY n))`;
}
