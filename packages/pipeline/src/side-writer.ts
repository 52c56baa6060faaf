import type { HeldUntil, SlackHold, SlackWriteOp, TeamsHold, TeamsWriteOp } from "@presence/core";
import type { Link } from "@presence/db";

/**
 * What a bridge app implements to write one side (the Slack bridge with the Slack Web API, the
 * Teams bridge with Graph). `perform` makes one call; it throws a BridgeError: `rate_limited` (with
 * retryAfterMs) reschedules the job at that time, `auth_revoked` flags the link for re-auth,
 * `missing_permission` and `upstream_rejected` are recorded and not retried, anything else is
 * retried with backoff by the queue.
 */
export interface SpokeSideWriter<Side, Op, Hold> {
  side: Side;
  perform(link: Link, op: Op): Promise<void>;
  /**
   * Until when what the bridge now holds on this side lasts without being written again (a Teams
   * session's expiry or keep-alive time, a Slack status expiry); the maintenance job refreshes it
   * before then. null when nothing needs refreshing.
   */
  heldUntil(hold: Hold, writtenAt: number): HeldUntil | null;
}

export type SlackSideWriter = SpokeSideWriter<"slack", SlackWriteOp, SlackHold>;
export type TeamsSideWriter = SpokeSideWriter<"teams", TeamsWriteOp, TeamsHold>;

/** A side's writer, typed by its side: the write job narrows once, on `side`, and its ops stay typed. */
export type SideWriter = SlackSideWriter | TeamsSideWriter;
