// What the hostile-input fuzz tests check besides the answer: that nothing was stored (no job added — a
// trigger logs every one — and no row added or changed), that memory stays bounded; and a readable
// account of the case that failed.
import type { DbClient } from "@presence/db";

/**
 * From now on, logs every job added to the graphile-worker queue into a table `fuzz_job_log (id, task)`
 * (a job replaced by key counts too), so a job the worker ran and removed at once is still counted.
 * Once per database.
 */
export async function logJobInserts(db: DbClient): Promise<void> {
  await db.$executeRawUnsafe(`CREATE TABLE fuzz_job_log (id bigserial PRIMARY KEY, task text NOT NULL)`);
  await db.$executeRawUnsafe(`
    CREATE FUNCTION fuzz_log_job() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' OR NEW.revision IS DISTINCT FROM OLD.revision THEN
        INSERT INTO fuzz_job_log (task) SELECT identifier FROM graphile_worker._private_tasks WHERE id = NEW.task_id;
      END IF;
      RETURN NULL;
    END $$`);
  await db.$executeRawUnsafe(`
    CREATE TRIGGER fuzz_log_job AFTER INSERT OR UPDATE ON graphile_worker._private_jobs
    FOR EACH ROW EXECUTE FUNCTION fuzz_log_job()`);
}

/** What {@link storedCounts} counts. */
export interface Counted<T extends string, H extends string> {
  /** Tables whose rows are counted, each under its name. */
  tables: readonly T[];
  /** Tables whose rows are compared whole: an md5 of them all (or ""), under `<table>Rows`. */
  hashed?: readonly H[];
  /** Tasks left out of the jobs counted (those the worker adds whatever happens, as its cron). */
  ignoredTasks?: readonly string[];
}

/**
 * What is stored now: `jobsAdded` (logged by {@link logJobInserts}) and `jobs` queued, the rows of each
 * table counted, and a hash of the rows of each table compared whole.
 */
export type StoredCounts<T extends string, H extends string = never> = RowCounts<"jobsAdded" | "jobs" | T> &
  RowHashes<H>;
type RowCounts<K extends string> = Record<K, number>;
type RowHashes<H extends string> = Record<`${H}Rows`, string>;

/** Counts what a hostile request may not store: jobs added and queued, rows added, rows changed. */
export async function storedCounts<T extends string, H extends string = never>(
  db: DbClient,
  counted: Counted<T, H>,
): Promise<StoredCounts<T, H>> {
  const ignored = (counted.ignoredTasks ?? []).map((task) => `'${task.replaceAll("'", "''")}'`).join(", ");
  const except = (column: string) => (ignored ? ` WHERE ${column} NOT IN (${ignored})` : "");
  const columns = [
    `(SELECT count(*) FROM fuzz_job_log${except("task")}) AS "jobsAdded"`,
    `(SELECT count(*) FROM graphile_worker.jobs${except("task_identifier")}) AS "jobs"`,
    ...counted.tables.map((table) => `(SELECT count(*) FROM "${table}") AS "${table}"`),
    ...(counted.hashed ?? []).map(
      (table) =>
        `(SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM "${table}" t) AS "${table}Rows"`,
    ),
  ];
  const [row] = await db.$queryRawUnsafe<Record<string, bigint | string | null>[]>(
    `SELECT ${columns.join(",\n       ")}`,
  );
  return Object.fromEntries(
    Object.entries(row ?? {}).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : (v ?? "")]),
  ) as StoredCounts<T, H>;
}

/** Each value of `before` that `after` does not share, as `key: before → after`: none, nothing changed. */
export function changes(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(before)
    .filter((key) => after[key] !== before[key])
    .map((key) => `${key}: ${String(before[key])} → ${String(after[key])}`);
}

/** The JS heap and Buffers in use (a body read into Buffers is not on the heap). */
export function memoryInUse(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/**
 * A case as JSON for an assertion message: bytes as their count, strings over 300 characters cut,
 * the whole at most 2,000 characters.
 */
export function describeCase(value: unknown): string {
  const text = JSON.stringify(value, (_k, v: unknown) =>
    v instanceof Uint8Array
      ? `<${v.length} bytes>`
      : typeof v === "string" && v.length > 300
        ? `${v.slice(0, 300)}…`
        : v,
  );
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
