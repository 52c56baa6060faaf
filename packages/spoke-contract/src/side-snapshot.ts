import {
  defaultSettings,
  emptySideRecord,
  type LinkSnapshot,
  type Observation,
  type SideRecord,
  type SlackHold,
  type SlackView,
  type TeamsHold,
  type TeamsView,
  type WebhookRecord,
} from "@presence/core";

/**
 * An active link whose observed spoke holds `record` (the other spokes empty), as decide() would see
 * it right after the write step recorded its writes. The record's view and hold are the adapter's
 * own types; the observation's side says which of core's records they are.
 */
export function linkWithSide(observation: Observation, record: SideRecord<object, object>): LinkSnapshot {
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
  else if (observation.side === "teams") link.teams = record as SideRecord<TeamsView, TeamsHold>;
  else if (observation.side === "webhook") link.webhook = record as WebhookRecord;
  else link.outlook = { view: record.view, versions: record.versions };
  return link;
}
