import type { SlackView, TeamsView } from "../model/facets.ts";
import { teamsStatusMessageFingerprint } from "../model/fingerprint.ts";
import type { SlackHold, TeamsHold } from "../model/hold.ts";
import { hasSlackMarker } from "../limits/slack-limits.ts";
import type { BridgeSettings } from "../policy/policy.ts";
import { classifySlackView, type SlackClassification } from "../rules/classify-slack.ts";
import type { RuleSet } from "../rules/rule-set.ts";
import { isBridgeTeamsPresence } from "./classify-observation.ts";
import { bridgeMayHold, bridgeValues, bridgeWroteTo } from "./ownership.ts";
import type { SideRecord } from "./types.ts";

type SlackRecord = SideRecord<SlackView, SlackHold>;
type TeamsRecord = SideRecord<TeamsView, TeamsHold>;

/**
 * When the person changes a facet the bridge wrote (replaces or clears the bridge's Slack status,
 * ends its snooze, comes back from its away, replaces its Teams status message), the bridge no
 * longer owns that facet: it forgets it without writing, so it never clears the person's own value.
 * Returns the record and the facets released.
 */
export function releaseLostSlackOwnership(record: SlackRecord, realFacets: readonly string[]) {
  const stillOurs = {
    status: false,
    dnd: record.view.dnd?.snoozed === true,
    presence: record.view.presence?.away === true,
  };
  return release(
    record,
    realFacets,
    (facet) => facet in stillOurs && !stillOurs[facet as keyof typeof stillOurs],
  );
}

export function releaseLostTeamsOwnership(record: TeamsRecord, realFacets: readonly string[]) {
  return release(record, realFacets, (facet) => facet === "statusMessage");
}

function release<View, H extends object>(
  record: SideRecord<View, H>,
  realFacets: readonly string[],
  lost: (facet: string) => boolean,
) {
  const hold = { ...record.hold } as Record<string, unknown>;
  const written = { ...record.written } as Record<string, unknown>;
  const attempted = { ...record.attempted } as Record<string, unknown>;
  const released = realFacets.filter((facet) => lost(facet) && bridgeWroteTo(record, facet as keyof H));
  for (const facet of released) {
    delete hold[facet];
    delete written[facet];
    delete attempted[facet];
  }
  return {
    record: { ...record, hold: hold as H, written: written as H, attempted: attempted as H },
    released,
  };
}

/**
 * The person's own Teams state: the observed view without what the bridge's session, preferred
 * presence or status message causes (held, written, in flight, or on its way out).
 */
export function ownTeamsView(record: TeamsRecord, leaving: ReadonlySet<string>): TeamsView {
  const view: TeamsView = { ...record.view };
  if (view.presence && (leaving.has("presence") || isBridgeTeamsPresence(record, view.presence)))
    delete view.presence;
  const ours = bridgeValues(record, "statusMessage").map((m) => teamsStatusMessageFingerprint(m));
  if (
    view.statusMessage &&
    (leaving.has("statusMessage") || ours.includes(teamsStatusMessageFingerprint(view.statusMessage)))
  ) {
    delete view.statusMessage;
  }
  return view;
}

/** The person's own Slack state: the bridge's status (marker), snooze and away do not count. */
export function ownSlackView(
  record: SlackRecord,
  settings: BridgeSettings,
  leaving: ReadonlySet<string>,
): SlackView {
  const view: SlackView = { ...record.view };
  if (
    view.status &&
    (leaving.has("status") || hasSlackMarker(view.status.text, settings.slackStatusMarker))
  ) {
    delete view.status;
  }
  if (view.dnd?.snoozed && (leaving.has("dnd") || bridgeMayHold(record, "dnd"))) delete view.dnd;
  if (view.presence?.away && (leaving.has("presence") || bridgeMayHold(record, "presence")))
    delete view.presence;
  return view;
}

/** What the person's own Slack state means. */
export function ownSlackClassification(
  ownView: SlackView,
  rules: RuleSet,
  settings: BridgeSettings,
  now: number,
): SlackClassification {
  return classifySlackView(ownView, {
    classifier: rules.slackClassifier,
    marker: settings.slackStatusMarker,
    now,
  });
}

/** True when the person has a Slack status of their own (not the bridge's, not expired). */
export function hasOwnSlackStatus(cls: SlackClassification): boolean {
  return cls.statusText !== "" || cls.statusEmoji !== "";
}
