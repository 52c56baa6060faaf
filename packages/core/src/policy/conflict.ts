import type { PresenceState } from "../model/presence-state.ts";
import { availabilityRank, type Side } from "../model/vocabulary.ts";
import type { ConflictPolicy } from "./policy.ts";

/** A state that says nothing about being unreachable (available, cleared, unknown). */
export function isNeutral(state: PresenceState): boolean {
  return availabilityRank(state.availability) <= 0;
}

/**
 * Under `policy`, must the bridge hold nothing on `target` because the person's own state there
 * wins over their own state on the other side? `lastChangeWins` never blocks: the newest change is
 * mirrored (a manual status is still protected by respectManualStatus).
 */
export function conflictBlocks(
  policy: ConflictPolicy,
  target: Side,
  own: { slack: PresenceState; teams: PresenceState },
): boolean {
  const targetState = own[target];
  const sourceState = own[target === "slack" ? "teams" : "slack"];
  switch (policy) {
    case "lastChangeWins":
      return false;
    case "mostRestrictiveWins":
      return availabilityRank(targetState.availability) > availabilityRank(sourceState.availability);
    case "slackWins":
      return target === "slack" && !isNeutral(targetState);
    case "teamsWins":
      return target === "teams" && !isNeutral(targetState);
  }
}
