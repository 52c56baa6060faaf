import type { SlackClassification } from "../rules/classify-slack.ts";
import type { TeamsView } from "./facets.ts";
import type { Activity, PresenceState } from "./presence-state.ts";
import type { Availability, GraphActivity, GraphAvailability, SlackKind } from "./vocabulary.ts";

const FROM_GRAPH_AVAILABILITY: Record<GraphAvailability, Availability> = {
  Available: "available",
  AvailableIdle: "available",
  Away: "away",
  BeRightBack: "beRightBack",
  Busy: "busy",
  BusyIdle: "busy",
  DoNotDisturb: "doNotDisturb",
  Offline: "offline",
  PresenceUnknown: "unknown",
};

const FROM_GRAPH_ACTIVITY: Record<GraphActivity, Activity> = {
  Available: "available",
  Away: "away",
  BeRightBack: "beRightBack",
  Busy: "busy",
  DoNotDisturb: "doNotDisturb",
  InACall: "inACall",
  InAConferenceCall: "inAConferenceCall",
  Inactive: "inactive",
  InAMeeting: "inAMeeting",
  Offline: "offline",
  OffWork: "offWork",
  OutOfOffice: "outOfOffice",
  PresenceUnknown: "unknown",
  Presenting: "presenting",
  UrgentInterruptionsOnly: "urgentInterruptionsOnly",
};

const FROM_SLACK_KIND: Record<SlackKind, { availability: Availability; activity: Activity }> = {
  cleared: { availability: "available", activity: "available" },
  custom: { availability: "available", activity: "custom" },
  huddle: { availability: "busy", activity: "huddle" },
  meeting: { availability: "busy", activity: "inAMeeting" },
  dnd: { availability: "doNotDisturb", activity: "doNotDisturb" },
  focus: { availability: "doNotDisturb", activity: "focus" },
  commuting: { availability: "away", activity: "commuting" },
  lunch: { availability: "away", activity: "lunch" },
  sick: { availability: "away", activity: "sick" },
  vacation: { availability: "away", activity: "vacation" },
  away: { availability: "away", activity: "away" },
};

export interface StateMeta {
  observedAt: number;
  sourceVersion: string;
}

/** The canonical state of a person's own Teams state (the view should exclude what the bridge holds). */
export function teamsPresenceState(view: TeamsView, meta: StateMeta): PresenceState {
  const outOfOffice = (view.outOfOffice?.isOutOfOffice ?? false) || view.presence?.activity === "OutOfOffice";
  const availability = view.presence ? FROM_GRAPH_AVAILABILITY[view.presence.availability] : "unknown";
  return {
    side: "teams",
    availability: availability === "unknown" && outOfOffice ? "away" : availability,
    activity: view.presence
      ? FROM_GRAPH_ACTIVITY[view.presence.activity]
      : outOfOffice
        ? "outOfOffice"
        : "unknown",
    outOfOffice,
    statusText: view.statusMessage?.text ?? "",
    statusEmoji: "",
    expiresAt: view.statusMessage?.expiresAt ?? null,
    ...metaFields(meta),
  };
}

/** The canonical state of a person's own Slack state. */
export function slackPresenceState(cls: SlackClassification, meta: StateMeta): PresenceState {
  const mapped = FROM_SLACK_KIND[cls.kind];
  return {
    side: "slack",
    availability: mapped.availability,
    activity: mapped.activity,
    outOfOffice: cls.kind === "vacation",
    statusText: cls.statusText,
    statusEmoji: cls.statusEmoji,
    expiresAt: cls.expiresAt,
    ...metaFields(meta),
  };
}

function metaFields(meta: StateMeta) {
  return { observedAt: meta.observedAt, sourceVersion: meta.sourceVersion };
}
