import type { Side, SlackHold, TeamsHold, WriteOp } from "@presence/core";
import type { Link } from "@presence/db";

/**
 * What a bridge app implements to write one side (the Slack bridge with the Slack Web API, the
 * Teams bridge with Graph). `perform` makes one call; it throws a BridgeError: `rate_limited` (with
 * retryAfterMs) reschedules the job at that time, `auth_revoked` flags the link for re-auth,
 * `missing_permission` and `upstream_rejected` are recorded and not retried, anything else is
 * retried with backoff by the queue.
 */
export interface SideWriter {
  side: Side;
  perform(link: Link, op: WriteOp): Promise<void>;
  /**
   * Until when what the bridge now holds on this side lasts without being written again (a Teams
   * session's expiry or keep-alive time, a Slack status expiry); the maintenance job refreshes it
   * before then. null when nothing needs refreshing.
   */
  heldUntil(hold: SlackHold | TeamsHold, writtenAt: number): { at: number; facets: string[] } | null;
}
