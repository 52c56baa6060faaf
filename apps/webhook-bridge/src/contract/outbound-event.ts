import type { PublishedState } from "@presence/core";

/*
 * What the bridge sends to a system's URL (docs/webhook-spoke.md, "Receiving states"): the person's own
 * Slack and Teams state, never what a system itself reported.
 */

export interface OutboundPerson {
  email: string | null;
  slackUserId: string;
  entraUserId: string;
}

export interface OutboundEvent {
  type: "presence.changed";
  person: OutboundPerson;
  state: {
    availability: PublishedState["availability"];
    activity: string;
    outOfOffice: boolean;
    until: string | null;
    source: PublishedState["source"];
  } | null;
  occurredAt: string;
}

/** The JSON body of one delivery (times as ISO 8601). */
export function outboundEvent(
  person: OutboundPerson,
  state: PublishedState | null,
  occurredAt: number,
): OutboundEvent {
  return {
    type: "presence.changed",
    person: { email: person.email, slackUserId: person.slackUserId, entraUserId: person.entraUserId },
    state: state && {
      availability: state.availability,
      activity: state.activity,
      outOfOffice: state.outOfOffice,
      until: state.until === null ? null : new Date(state.until).toISOString(),
      source: state.source,
    },
    occurredAt: new Date(occurredAt).toISOString(),
  };
}
