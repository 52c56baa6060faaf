import type { DbClient } from "@presence/db";

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

interface BudgetRow {
  key: string;
  hits: bigint[];
  subjects: string[];
  blockedUntil: bigint;
  queuedUntil: bigint;
  now: bigint;
}

/**
 * Slack rate budgets in Postgres, shared by every replica: a sliding-window log per budget row,
 * read and changed under the rows' locks in one short transaction, so two replicas never spend the
 * same room. All the rules of one call are granted together or not at all. Time is the database's
 * clock, the one clock all replicas share.
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
    const keys = [...new Set(rules.map((r) => r.key))].sort();
    return this.db.$transaction(async (tx) => {
      await tx.$executeRaw`
        INSERT INTO "SlackRateBudget" ("key", "updatedAt")
        SELECT k, now() FROM unnest(${keys}::text[]) AS k
        ON CONFLICT ("key") DO NOTHING`;
      // Locked in key order, so concurrent takers of overlapping budgets never deadlock.
      const rows = await tx.$queryRaw<BudgetRow[]>`
        SELECT "key", "hits", "subjects", "blockedUntil", "queuedUntil",
               (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS "now"
        FROM "SlackRateBudget" WHERE "key" = ANY(${keys}::text[]) ORDER BY "key" FOR UPDATE`;
      const byKey = new Map(rows.map((row) => [row.key, row]));
      const now = Number(rows[0]?.now ?? Date.now());
      let worst: { waitMs: number; key: string; limit: number } | null = null;
      const updates: { key: string; hits: number[]; subjects: string[] }[] = [];
      for (const rule of rules) {
        const row = byKey.get(rule.key);
        const log = liveLog(row, now, this.#window);
        const blocked = Number(row?.blockedUntil ?? 0n) - now;
        const waitMs = Math.max(blocked, this.#wait(rule, log, now));
        if (waitMs > 0) {
          if (!worst || waitMs > worst.waitMs) worst = { waitMs, key: rule.key, limit: rule.limit };
          continue;
        }
        updates.push({ key: rule.key, ...record(rule, log, now) });
      }
      if (worst) {
        const queued = Number(byKey.get(worst.key)?.queuedUntil ?? 0n);
        const turn = Math.max(now + worst.waitMs, queued + this.#window / worst.limit);
        await tx.$executeRaw`
          UPDATE "SlackRateBudget" SET "queuedUntil" = ${Math.ceil(turn)}, "updatedAt" = now()
          WHERE "key" = ${worst.key}`;
        return { granted: false, waitMs: Math.ceil(turn - now), key: worst.key };
      }
      for (const update of updates) {
        await tx.$executeRaw`
          UPDATE "SlackRateBudget"
          SET "hits" = ${update.hits.map(BigInt)}::bigint[], "subjects" = ${update.subjects}::text[], "updatedAt" = now()
          WHERE "key" = ${update.key}`;
      }
      return { granted: true } as const;
    });
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

  #wait(rule: BudgetRule, log: Log, now: number): number {
    if (rule.subject === undefined) {
      if (log.hits.length < rule.limit) return 0;
      const freeing = log.hits[log.hits.length - rule.limit] ?? now;
      return Math.max(1, freeing + this.#window - now);
    }
    if (log.subjects.includes(rule.subject) || log.subjects.length < rule.limit) return 0;
    return Math.max(1, Math.min(...log.hits) + this.#window - now);
  }
}

interface Log {
  hits: number[];
  subjects: string[];
}

function liveLog(row: BudgetRow | undefined, now: number, windowMs: number): Log {
  const hits: number[] = [];
  const subjects: string[] = [];
  (row?.hits ?? []).forEach((hit, index) => {
    const at = Number(hit);
    if (at <= now - windowMs) return;
    hits.push(at);
    subjects.push(row?.subjects[index] ?? "");
  });
  return { hits, subjects };
}

/** The log after one more call; only what can still matter is kept (at most `limit` entries). */
function record(rule: BudgetRule, log: Log, now: number): Log {
  if (rule.subject === undefined) return { hits: [...log.hits, now].slice(-rule.limit), subjects: [] };
  const keep = log.subjects.map((subject, i) => ({ subject, at: log.hits[i] ?? now }));
  const others = keep.filter((entry) => entry.subject !== rule.subject);
  const next = [...others, { subject: rule.subject, at: now }].slice(-rule.limit);
  return { hits: next.map((e) => e.at), subjects: next.map((e) => e.subject) };
}
