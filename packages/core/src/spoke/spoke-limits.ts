/*
 * Limits: the spoke's documented budgets. A call beyond one is refused before it leaves (or by the
 * spoke with a 429): perform then throws BridgeError `rate_limited` with a positive retryAfterMs.
 */

/** Whose calls a budget counts. */
export type BudgetScope = "method" | "person" | "token" | "app";

export interface SpokeBudget {
  /** e.g. "users.profile.set", "getPresencesByUserId and presence writes". */
  name: string;
  scope: BudgetScope;
  calls: number;
  windowMs: number;
  /** Calls in flight at once, when the spoke limits that too (Outlook: 4 per app and mailbox). */
  concurrent?: number;
}

export interface SpokeLimits {
  budgets: readonly SpokeBudget[];
}
