import { z } from "zod";

import { ZSlackView, ZTeamsView } from "../model/facets.ts";
import type { SlackHold, TeamsHold } from "../model/hold.ts";
import type { Side } from "../model/vocabulary.ts";
import type { BridgeSettings, LinkPolicy } from "../policy/policy.ts";
import { ownSlackClassification } from "./own-state.ts";
import { sameHold } from "./same-hold.ts";
import { computeSlackHold } from "./slack-target.ts";
import { computeTeamsHold } from "./teams-target.ts";
import type { RuleSet } from "../rules/rule-set.ts";

/**
 * A decision as the audit trail recorded it (a mirrored / no_change / manual_kept event): which side
 * it decided, the rule and hold it chose, and the person's own state on both sides it decided on.
 */
export const ZRecordedDecision = z.object({
  linkId: z.string(),
  at: z.number(),
  to: z.enum(["slack", "teams"]),
  detail: z.object({
    rule: z.string().nullable(),
    hold: z.record(z.string(), z.unknown()),
    own: z.object({ slack: ZSlackView, teams: ZTeamsView }),
  }),
});
export type RecordedDecision = z.infer<typeof ZRecordedDecision>;

export interface ReplayedDifference {
  linkId: string;
  at: number;
  to: Side;
  activeRule: string | null;
  draftRule: string | null;
  /** What the rules in force held, and what the draft would have held (expiry times left out). */
  active: Record<string, unknown>;
  draft: Record<string, unknown>;
}

export interface ReplayOutcome {
  decisions: number;
  differing: number;
  /** Holds that changed from one decision to the next of the same person and side: writes. */
  activeWrites: number;
  draftWrites: number;
  people: number;
  differences: ReplayedDifference[];
}

/**
 * Replays recorded decisions under a draft rule set ("what would these rules have written?"). Each
 * person and side is followed in order, the draft's hold carried from one decision to the next as the
 * real one was; expiry times are ignored when comparing (they depend on when a decision ran).
 */
export function replayDecisions(
  decisions: readonly RecordedDecision[],
  input: {
    draft: RuleSet;
    settings: BridgeSettings;
    policyOf(linkId: string): LinkPolicy;
    maxDifferences?: number;
  },
): ReplayOutcome {
  const sorted = [...decisions].sort((a, b) => a.at - b.at);
  const lastDraft = new Map<string, object>();
  const lastActive = new Map<string, object>();
  const outcome: ReplayOutcome = {
    decisions: 0,
    differing: 0,
    activeWrites: 0,
    draftWrites: 0,
    people: new Set(sorted.map((d) => d.linkId)).size,
    differences: [],
  };
  for (const decision of sorted) {
    const key = `${decision.linkId}:${decision.to}`;
    const previous = lastDraft.get(key) ?? {};
    const draft = draftHold(decision, previous, input);
    const active = withoutTimes(decision.detail.hold);
    const draftShape = withoutTimes(draft.hold);
    outcome.decisions += 1;
    if (!sameHold(active, lastActive.get(key) ?? {})) outcome.activeWrites += 1;
    if (!sameHold(draftShape, withoutTimes(previous))) outcome.draftWrites += 1;
    lastActive.set(key, active);
    lastDraft.set(key, draft.hold);
    if (!sameHold(active, draftShape) || draft.ruleId !== decision.detail.rule) {
      outcome.differing += 1;
      if (outcome.differences.length < (input.maxDifferences ?? 500))
        outcome.differences.push({
          linkId: decision.linkId,
          at: decision.at,
          to: decision.to,
          activeRule: decision.detail.rule,
          draftRule: draft.ruleId,
          active,
          draft: draftShape,
        });
    }
  }
  return outcome;
}

function draftHold(
  decision: RecordedDecision,
  previous: object,
  input: { draft: RuleSet; settings: BridgeSettings; policyOf(linkId: string): LinkPolicy },
): { hold: SlackHold | TeamsHold; ruleId: string | null } {
  const { slack, teams } = decision.detail.own;
  const common = { policy: input.policyOf(decision.linkId), rules: input.draft, settings: input.settings };
  const slackOwn = ownSlackClassification(slack, input.draft, input.settings, decision.at);
  if (decision.to === "slack") {
    if (teams.presence === undefined) return { hold: previous as SlackHold, ruleId: null };
    return computeSlackHold({
      outlook: {},
      ...common,
      teamsOwn: teams,
      slackHold: previous as SlackHold,
      slackOwnView: slack,
      slackOwn,
      now: decision.at,
    });
  }
  return computeTeamsHold({ ...common, slackOwn, teamsHold: previous as TeamsHold, teamsOwn: teams });
}

/** A hold without its expiry times (they depend on when the decision ran, not on the rules). */
function withoutTimes(hold: object): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(hold, (key, value: unknown) =>
      key === "expiresAt" || key === "until" ? undefined : value,
    ),
  ) as Record<string, unknown>;
}
