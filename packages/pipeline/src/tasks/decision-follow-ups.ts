import { expectedSlackStateEnd, ownTeamsView, type Decision } from "@presence/core";
import { setLinkStatus, type Db } from "@presence/db";

import { enqueuePublish, enqueueReconsider, enqueueWrite } from "../queue/enqueue.ts";

/**
 * The jobs a stored decision leaves behind (observe and reconsider alike), in the decision's
 * transaction: the published state's delivery, the flap breaker's pause, one write per side. A Slack
 * write carries when the state it shows is expected to end, which orders it among writes waiting for
 * Slack's budget (writePriority).
 */
export async function enqueueFollowUps(
  tx: Db,
  linkId: string,
  decision: Pick<Decision, "pause" | "writes" | "teams" | "slack" | "outlook">,
  publish: boolean,
  now: number,
): Promise<void> {
  if (publish) await enqueuePublish(tx, linkId);
  if (decision.pause) {
    await setLinkStatus(tx, linkId, { status: "paused", reason: decision.pause.reason });
    await enqueueReconsider(tx, linkId, "paused by the flap breaker");
  }
  for (const side of decision.writes)
    await enqueueWrite(tx, linkId, side, {
      now,
      ...(side === "slack"
        ? {
            expectedEnd: expectedSlackStateEnd(
              {
                // The person's own Teams state (not the bridge's session), as the hold was decided from.
                teams: ownTeamsView(decision.teams, new Set()),
                outlook: decision.outlook.view,
                hold: decision.slack.hold,
              },
              now,
            ),
          }
        : {}),
    });
}
