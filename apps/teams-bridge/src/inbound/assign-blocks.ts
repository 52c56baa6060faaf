import { MAX_IDS_PER_REQUEST } from "./presence-reader.ts";

/** Graph allows one presence subscription per user per app, watching at most 650 people. */
export const MAX_PEOPLE_PER_ACCOUNT = MAX_IDS_PER_REQUEST;

export interface AccountBlock {
  userId: string;
  /** The people the account watched so far. */
  userIds: readonly string[];
}

export interface Assignment {
  /** Account user id → the people its subscription watches (a block of at most 650). */
  blocks: Map<string, string[]>;
  /** Linked people no account has room for: they are polled. */
  fallback: string[];
}

/**
 * Spreads the linked people over the active service accounts (oldest first), keeping everyone where
 * they are — a subscription's filter cannot be changed, so moving people means recreating
 * subscriptions — and filling the accounts in order, so N people use ⌈N/650⌉ accounts. People who
 * were unlinked leave their block; people beyond every account's room fall back to polling.
 */
export function assignBlocks(
  accounts: readonly AccountBlock[],
  people: readonly string[],
  max = MAX_PEOPLE_PER_ACCOUNT,
): Assignment {
  const wanted = new Set(people.map((id) => id.toLowerCase()));
  const placed = new Set<string>();
  const blocks = new Map<string, string[]>();
  for (const account of accounts) {
    const keep: string[] = [];
    for (const id of account.userIds.map((u) => u.toLowerCase())) {
      if (wanted.has(id) && !placed.has(id) && keep.length < max) {
        keep.push(id);
        placed.add(id);
      }
    }
    blocks.set(account.userId, keep);
  }
  const waiting = [...wanted].filter((id) => !placed.has(id)).sort();
  for (const account of accounts) {
    const block = blocks.get(account.userId) ?? [];
    while (block.length < max && waiting.length > 0) block.push(waiting.shift() as string);
    blocks.set(account.userId, block);
  }
  return { blocks, fallback: waiting };
}

/** Whether two blocks hold the same people (order aside). */
export function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a.map((id) => id.toLowerCase()));
  return b.every((id) => set.has(id.toLowerCase()));
}
