/*
 * When each linked person's Outlook is read. A read covers [the hour it falls in, + the look-ahead]:
 * the window moves once an hour, so reads in between that find the same calendar are duplicates the
 * reader drops before any job is made. People are spread over the read interval by a hash of their
 * id, so each minute reads about the same number of mailboxes.
 */

const HOUR = 3_600_000;
const MINUTE = 60_000;

export interface ReadWindow {
  from: number;
  until: number;
}

/** The calendar window a read at `now` asks for. */
export function readWindow(now: number, lookAheadMs: number): ReadWindow {
  const from = Math.floor(now / HOUR) * HOUR;
  return { from, until: from + HOUR + lookAheadMs };
}

/** The minute slot (0 … slots-1) a person's reads fall in. */
export function slotOf(userId: string, slots: number): number {
  let hash = 2166136261;
  for (let i = 0; i < userId.length; i += 1) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash % slots;
}

/** The people due for a read in the minute `now` falls in, for reads every `intervalMs`. */
export function dueThisMinute(userIds: readonly string[], now: number, intervalMs: number): string[] {
  const slots = Math.max(1, Math.round(intervalMs / MINUTE));
  const slot = Math.floor(now / MINUTE) % slots;
  return userIds.filter((id) => slotOf(id.toLowerCase(), slots) === slot);
}
