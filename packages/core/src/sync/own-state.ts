import type { SlackView, TeamsView } from "../model/facets.ts";
import { teamsPresenceFingerprint, teamsStatusMessageFingerprint } from "../model/fingerprint.ts";
import type { SlackHold, TeamsHold } from "../model/hold.ts";
import type { BridgeSettings } from "../policy/policy.ts";
import { classifySlackView, type SlackClassification } from "../rules/classify-slack.ts";
import type { RuleSet } from "../rules/rule-set.ts";
import { heldTeamsPairs } from "./classify-observation.ts";
import type { SideRecord } from "./types.ts";

type SlackRecord = SideRecord<SlackView, SlackHold>;
type TeamsRecord = SideRecord<TeamsView, TeamsHold>;

/**
 * When the person changes a facet the bridge held (replaces or clears the bridge's Slack status,
 * ends its snooze, comes back from its away, replaces its Teams status message), the bridge no
 * longer owns that facet: it forgets it without writing, so it never clears the person's own value.
 * Returns the record and the facets released.
 */
export function releaseLostSlackOwnership(record: SlackRecord, realFacets: readonly string[]) {
  const hold = { ...record.hold };
  const written = { ...record.written };
  const released: string[] = [];
  if (realFacets.includes("status") && (hold.status || written.status)) {
    delete hold.status;
    delete written.status;
    released.push("status");
  }
  if (realFacets.includes("dnd") && !record.view.dnd?.snoozed && (hold.dnd || written.dnd)) {
    delete hold.dnd;
    delete written.dnd;
    released.push("dnd");
  }
  if (realFacets.includes("presence") && !record.view.presence?.away && (hold.presence || written.presence)) {
    delete hold.presence;
    delete written.presence;
    released.push("presence");
  }
  return { record: { ...record, hold, written }, released };
}

export function releaseLostTeamsOwnership(record: TeamsRecord, realFacets: readonly string[]) {
  const hold = { ...record.hold };
  const written = { ...record.written };
  const released: string[] = [];
  if (realFacets.includes("statusMessage") && (hold.statusMessage || written.statusMessage)) {
    delete hold.statusMessage;
    delete written.statusMessage;
    released.push("statusMessage");
  }
  return { record: { ...record, hold, written }, released };
}

/** The person's own Teams state: the observed view without what the bridge's session or message causes. */
export function ownTeamsView(record: TeamsRecord): TeamsView {
  const view: TeamsView = { ...record.view };
  if (
    view.presence &&
    heldTeamsPairs(record.hold, record.written).includes(teamsPresenceFingerprint(view.presence))
  ) {
    delete view.presence;
  }
  const ours = [record.hold.statusMessage, record.written.statusMessage]
    .filter((m) => m !== undefined)
    .map((m) => teamsStatusMessageFingerprint(m));
  if (view.statusMessage && ours.includes(teamsStatusMessageFingerprint(view.statusMessage))) {
    delete view.statusMessage;
  }
  return view;
}

/** The person's own Slack state, classified: the bridge's status, snooze and away do not count. */
export function ownSlackClassification(
  record: SlackRecord,
  rules: RuleSet,
  settings: BridgeSettings,
  now: number,
): SlackClassification {
  const view: SlackView = { ...record.view };
  if (view.dnd?.snoozed && (record.hold.dnd || record.written.dnd)) delete view.dnd;
  if (view.presence?.away && (record.hold.presence || record.written.presence)) delete view.presence;
  return classifySlackView(view, {
    classifier: rules.slackClassifier,
    marker: settings.slackStatusMarker,
    now,
  });
}

/** True when the person has a Slack status of their own (not the bridge's, not expired). */
export function hasOwnSlackStatus(cls: SlackClassification): boolean {
  return cls.statusText !== "" || cls.statusEmoji !== "";
}
