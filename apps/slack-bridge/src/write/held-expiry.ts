import type { HeldUntil, SlackHold } from "@presence/core";

type SlackStatusHold = NonNullable<SlackHold["status"]>;

/**
 * The expiries the bridge puts on Slack. A held status or snooze carries a safety expiry (so a stopped
 * bridge never leaves a stale status behind); while the bridge still holds it, the maintenance job
 * writes it again shortly before it lapses, and that write extends it by EXTENSION_MS.
 */
const EXTENSION_MS = 60 * 60_000;
/** An expiry closer than this to the write is extended (the maintenance job refreshes 2 min ahead). */
const EXTEND_WITHIN_MS = 5 * 60_000;
/** dnd.setSnooze accepts at most one day. */
export const MAX_SNOOZE_MINUTES = 24 * 60;

/** The expiry written for a held expiry at write time `now` (epoch ms). */
export function writtenExpiry(expiresAt: number, now: number): number {
  return expiresAt - now > EXTEND_WITHIN_MS ? expiresAt : now + EXTENSION_MS;
}

/**
 * `status_expiration` (Unix seconds; 0 = never) for a held status. A fixed expiry (a meeting's known
 * end) is written as it is: Slack clears the status then, and the bridge does not refresh it.
 */
export function statusExpirationSeconds(
  status: Pick<SlackStatusHold, "expiresAt" | "fixed">,
  now: number,
): number {
  if (status.expiresAt === null) return 0;
  return Math.ceil((status.fixed ? status.expiresAt : writtenExpiry(status.expiresAt, now)) / 1000);
}

/** dnd.setSnooze `num_minutes` for a snooze held until `until`. */
export function snoozeMinutes(until: number, now: number): number {
  const minutes = Math.ceil((writtenExpiry(until, now) - now) / 60_000);
  return Math.min(MAX_SNOOZE_MINUTES, Math.max(1, minutes));
}

/**
 * SideWriter.heldUntil: when the first held expiry written at `writtenAt` lapses, and the facets to
 * write again then (every held facet with an expiry). null when nothing the bridge holds expires.
 */
export function slackHeldUntil(hold: SlackHold, writtenAt: number): HeldUntil | null {
  const lapses: { facet: string; at: number }[] = [];
  // A fixed expiry ends the status by itself: nothing to refresh.
  if (hold.status && hold.status.expiresAt !== null && hold.status.fixed !== true)
    lapses.push({ facet: "status", at: writtenExpiry(hold.status.expiresAt, writtenAt) });
  if (hold.dnd)
    lapses.push({ facet: "dnd", at: writtenAt + snoozeMinutes(hold.dnd.until, writtenAt) * 60_000 });
  if (lapses.length === 0) return null;
  return { at: Math.min(...lapses.map((l) => l.at)), facets: lapses.map((l) => l.facet) };
}
