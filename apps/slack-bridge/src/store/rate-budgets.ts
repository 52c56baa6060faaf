import { classifyDbError, type DbClient } from "@presence/db";

/**
 * One budget a call spends from: at most `limit` calls per window under `key`. With `subject`, the
 * budget counts different subjects instead (Slack: "a single token may only set 30 user profiles per
 * minute"); a subject already counted in the window costs nothing more.
 */
export interface BudgetRule {
  key: string;
  limit: number;
  subject?: string;
}

export type BudgetVerdict =
  | { granted: true }
  /**
   * Nothing was spent. Come back in `waitMs`: when the fullest budget (`key`) has room again, and
   * after the callers turned away before (each gets its own turn, spaced as the budget frees).
   */
  | { granted: false; waitMs: number; key: string };

export interface RateBudgetsOptions {
  /** Slack's window (one minute). */
  windowMs: number;
  /**
   * Added to the window: a call is counted here before it travels to Slack, where it is counted on
   * arrival, so two calls a window apart here may arrive a little less than a window apart there.
   */
  guardMs: number;
}

/** What the statement answers for a call turned away (no row: granted). */
interface RefusalRow {
  key: string;
  waitMs: bigint;
}

/** A first call of a new budget may race another replica creating the same row; the loser runs again. */
const ATTEMPTS = 4;

/**
 * Slack rate budgets in Postgres, shared by every replica: a sliding-window log per budget row. One
 * call is one SQL statement: it locks the call's budget rows (in key order, so overlapping calls never
 * deadlock), reads the database's clock once they are held, decides every rule, and either spends one
 * call from every rule or, when any rule has no room, spends nothing and gives the caller a turn. All
 * the rules of one call are granted together or not at all, and the rows are locked only for the
 * statement itself (no round trips while holding them). Time is the database's clock, the one clock
 * all replicas share.
 *
 * Callers turned away are spread out rather than all sent back for the moment the budget frees (a
 * burst of 500 would otherwise wake 500 jobs for every free slot): each is given the next turn,
 * one window/limit after the previous one's. A turn is a time to try again, not a reservation — the
 * call is still counted when it is made — so the log stays exact whatever the queue does.
 */
export class RateBudgets {
  readonly #window: number;

  constructor(
    private readonly db: DbClient,
    options: RateBudgetsOptions,
  ) {
    this.#window = options.windowMs + options.guardMs;
  }

  /** Spends one call from every rule, or nothing and says how long to wait. */
  async take(rules: readonly BudgetRule[]): Promise<BudgetVerdict> {
    if (rules.length === 0) return { granted: true };
    for (let attempt = 1; ; attempt++) {
      try {
        const [refused] = await this.#take(rules);
        if (!refused) return { granted: true };
        return { granted: false, waitMs: Number(refused.waitMs), key: refused.key };
      } catch (error) {
        // Two callers created the same new budget row at once: the statement that lost spent nothing.
        if (attempt < ATTEMPTS && classifyDbError(error, "Slack rate budget").code === "conflict") continue;
        throw error;
      }
    }
  }

  /** Slack answered 429: nothing more from this budget until Retry-After has passed. */
  async block(key: string, retryAfterMs: number): Promise<void> {
    await this.db.$executeRaw`
      INSERT INTO "SlackRateBudget" ("key", "blockedUntil", "updatedAt")
      VALUES (${key}, (extract(epoch FROM clock_timestamp()) * 1000)::bigint + ${retryAfterMs}, now())
      ON CONFLICT ("key") DO UPDATE SET
        "blockedUntil" = GREATEST("SlackRateBudget"."blockedUntil", EXCLUDED."blockedUntil"),
        "updatedAt" = now()`;
  }

  /**
   * The one statement of a call. Per rule (in the call's order), its budget's live log is what is left
   * of `hits` (with `subjects` alongside) inside the window; its wait is the longer of a 429's block and:
   * - counting calls: 0 while fewer than `limit` live hits, else until the `limit`-th newest leaves the window;
   * - counting subjects: 0 when the subject is already in the log or fewer than `limit` are, else until the
   *   oldest leaves.
   * Any wait → the longest (first such rule on a tie) is the refusal: its budget's next turn is the later of
   * when it frees and one window/limit after the last turn handed out; nothing else changes. No wait →
   * every budget records the call (calls: the last `limit` hits; subjects: this subject moved to the end,
   * the last `limit` kept); rows not there yet are created (a concurrent creator makes this statement fail
   * as a whole, and it runs again).
   */
  #take(rules: readonly BudgetRule[]): Promise<RefusalRow[]> {
    const keys = rules.map((r) => r.key);
    const limits = rules.map((r) => r.limit);
    const bySubject = rules.map((r) => r.subject !== undefined);
    const subjects = rules.map((r) => r.subject ?? "");
    const lockOrder = [...new Set(keys)].sort();
    return this.db.$queryRaw<RefusalRow[]>`
      WITH rule AS (
        SELECT r.*
        FROM unnest(${keys}::text[], ${limits}::int[], ${bySubject}::bool[], ${subjects}::text[])
          WITH ORDINALITY AS r("key", "limit", "bySubject", "subject", "ord")
      ),
      locked AS MATERIALIZED (
        SELECT b."key", b."hits", b."subjects", b."blockedUntil", b."queuedUntil"
        FROM "SlackRateBudget" b
        WHERE b."key" = ANY(${lockOrder}::text[])
        ORDER BY b."key"
        FOR UPDATE
      ),
      clock AS MATERIALIZED (
        -- Read once, and only when every row is locked: the aggregate consumes all of "locked" first.
        SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS "now",
               ${this.#window}::float8 AS "window",
               count(*) AS "locked"
        FROM locked
      ),
      state AS (
        SELECT r.*, c."now", c."window", l."key" IS NOT NULL AS "present",
               COALESCE(l."blockedUntil", 0) AS "blockedUntil",
               COALESCE(l."queuedUntil", 0) AS "queuedUntil",
               live.*
        FROM rule r
        CROSS JOIN clock c
        LEFT JOIN locked l ON l."key" = r."key"
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS "n",
                 min(e."hit") AS "oldest",
                 COALESCE(array_agg(e."hit" ORDER BY e."i"), '{}') AS "hits",
                 COALESCE(array_agg(e."subject" ORDER BY e."i"), '{}') AS "subjects",
                 count(*) FILTER (WHERE e."subject" <> r."subject")::int AS "others",
                 COALESCE(array_agg(e."hit" ORDER BY e."i") FILTER (WHERE e."subject" <> r."subject"), '{}')
                   AS "otherHits",
                 COALESCE(array_agg(e."subject" ORDER BY e."i") FILTER (WHERE e."subject" <> r."subject"), '{}')
                   AS "otherSubjects"
          FROM (
            SELECT u."hit", COALESCE(u."subject", '') AS "subject", u."i"
            FROM unnest(l."hits", l."subjects") WITH ORDINALITY AS u("hit", "subject", "i")
          ) e
          WHERE e."hit" > c."now" - c."window"
        ) live
      ),
      decided AS (
        SELECT s.*, GREATEST(s."blockedUntil" - s."now", CASE
          WHEN NOT s."bySubject" THEN CASE
            WHEN s."n" < s."limit" THEN 0
            ELSE GREATEST(1, s."hits"[s."n" - s."limit" + 1] + s."window" - s."now") END
          WHEN s."subject" = ANY(s."subjects") OR s."n" < s."limit" THEN 0
          ELSE GREATEST(1, s."oldest" + s."window" - s."now") END)::float8 AS "wait"
        FROM state s
      ),
      refusal AS (
        SELECT d."key", d."now",
               ceil(GREATEST(d."now" + d."wait", d."queuedUntil" + d."window" / d."limit"))::bigint AS "turn"
        FROM decided d
        WHERE d."wait" > 0
        ORDER BY d."wait" DESC, d."ord"
        LIMIT 1
      ),
      queued AS (
        UPDATE "SlackRateBudget" b SET "queuedUntil" = f."turn", "updatedAt" = now()
        FROM refusal f
        WHERE b."key" = f."key"
      ),
      spend AS (
        SELECT DISTINCT ON (d."key") d."key", d."present",
          CASE WHEN d."bySubject"
            THEN (d."otherHits" || d."now")[GREATEST(1, d."others" + 2 - d."limit"):d."others" + 1]
            ELSE (d."hits" || d."now")[GREATEST(1, d."n" + 2 - d."limit"):d."n" + 1] END AS "hits",
          CASE WHEN d."bySubject"
            THEN (d."otherSubjects" || d."subject")[GREATEST(1, d."others" + 2 - d."limit"):d."others" + 1]
            ELSE '{}'::text[] END AS "subjects"
        FROM decided d
        WHERE NOT EXISTS (SELECT 1 FROM refusal)
        ORDER BY d."key", d."ord" DESC
      ),
      spent AS (
        UPDATE "SlackRateBudget" b SET "hits" = s."hits", "subjects" = s."subjects", "updatedAt" = now()
        FROM spend s
        WHERE b."key" = s."key" AND s."present"
      ),
      created AS (
        INSERT INTO "SlackRateBudget" ("key", "hits", "subjects", "updatedAt")
        SELECT s."key", s."hits", s."subjects", now() FROM spend s WHERE NOT s."present" ORDER BY s."key"
      )
      SELECT f."key", f."turn" - f."now" AS "waitMs" FROM refusal f`;
  }
}
