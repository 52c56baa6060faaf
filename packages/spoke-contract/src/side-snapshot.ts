import {
  defaultSettings,
  emptySideRecord,
  type LinkSnapshot,
  type Observation,
  type SideObservation,
  type SideRecord,
  type SlackHold,
  type SlackView,
  type TeamsHold,
  type TeamsView,
} from "@presence/core";

/**
 * An active link whose observed side holds `record` (the other sides empty), as decide() would see
 * it right after the write step recorded its writes. The record's view and hold are the adapter's
 * own types; the observation's side says which of core's records they are.
 */
export function linkWithSide(observation: SideObservation, record: SideRecord<object, object>): LinkSnapshot {
  const link: LinkSnapshot = {
    id: "spoke-contract",
    status: "active",
    pausedUntil: null,
    direction: "both",
    policy: defaultSettings().defaultPolicy,
    slack: emptySideRecord(),
    teams: emptySideRecord(),
    outlook: { view: {}, versions: {} },
    webhook: { view: {}, versions: {}, hold: {} },
  };
  if (observation.side === "slack") link.slack = record as SideRecord<SlackView, SlackHold>;
  else link.teams = record as SideRecord<TeamsView, TeamsHold>;
  return link;
}

/** Whether an observation is of a side the bridge writes (the ones classifyObservation takes). */
export function isSideObservation(observation: Observation): observation is SideObservation {
  return observation.side === "slack" || observation.side === "teams";
}
