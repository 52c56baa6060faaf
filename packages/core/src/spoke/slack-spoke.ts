import {
  SLACK_METHOD_CALLS_PER_MINUTE,
  SLACK_PROFILE_UPDATES_PER_PERSON_PER_MINUTE,
  SLACK_PROFILES_PER_TOKEN_PER_MINUTE,
} from "../limits/slack-limits.ts";
import type { SlackView } from "../model/facets.ts";
import { expectedSlackEchoes, viewFingerprints } from "../model/fingerprint.ts";
import { SLACK_HOLD_FACETS, type SlackHold } from "../model/hold.ts";
import { compareVersions } from "../model/versions.ts";
import type { Observation } from "../sync/types.ts";
import { planSlackWrites, type SlackWriteOp } from "../sync/write-plan.ts";
import type { LinkedIds, SlackPerson } from "./spoke-identity.ts";
import type { SpokeLimits } from "./spoke-limits.ts";
import type { SpokeObservation } from "./spoke-observe.ts";
import type { SpokeEcho, SpokeWrite } from "./spoke-write.ts";

/* The pure parts of the Slack adapter: the Slack bridge adds its I/O (Web API, events, directory). */

export function slackPersonOf(link: LinkedIds): SlackPerson {
  return { teamId: link.slackTeamId, userId: link.slackUserId };
}

export function slackPersonKey(person: SlackPerson): string {
  return `slack:${person.teamId}:${person.userId}`;
}

export function compareSlackVersions(a: string, b: string): number {
  return compareVersions("slack", a, b);
}

export function slackObservation(inbound: SpokeObservation<SlackPerson, SlackView>): Observation {
  return { side: "slack", facets: inbound.facets, version: inbound.version, observedAt: inbound.observedAt };
}

export const slackWritePlan: Pick<SpokeWrite<SlackPerson, SlackHold, SlackWriteOp>, "facets" | "plan"> = {
  facets: SLACK_HOLD_FACETS,
  plan: planSlackWrites,
};

export const slackEcho: SpokeEcho<SlackView, SlackHold, SlackWriteOp> = {
  expected: (op, hold) => expectedSlackEchoes(op.facet, hold),
  fingerprints: (view) => viewFingerprints("slack", view),
};

/** Slack's documented rate limits: per method and workspace, and users.profile.set's extra rules. */
export const slackLimits: SpokeLimits = {
  budgets: [
    ...Object.entries(SLACK_METHOD_CALLS_PER_MINUTE).map(([name, calls]) => ({
      name,
      scope: "method" as const,
      calls,
      windowMs: 60_000,
    })),
    {
      name: "users.profile.set per person and token",
      scope: "person",
      calls: SLACK_PROFILE_UPDATES_PER_PERSON_PER_MINUTE,
      windowMs: 60_000,
    },
    {
      name: "users.profile.set profiles per token",
      scope: "token",
      calls: SLACK_PROFILES_PER_TOKEN_PER_MINUTE,
      windowMs: 60_000,
    },
  ],
};
