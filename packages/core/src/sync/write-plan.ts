import { expectedSlackEchoes, expectedTeamsEchoes, leaving, type Expectation } from "../model/fingerprint.ts";
import {
  withoutLapsedSlackStatus,
  SLACK_HOLD_FACETS,
  TEAMS_HOLD_FACETS,
  type SlackHold,
  type SlackHoldFacet,
  type TeamsHold,
  type TeamsHoldFacet,
} from "../model/hold.ts";
import { sameHold } from "./same-hold.ts";

/** One Slack API call the write step makes: set or release one facet. */
export type SlackWriteOp =
  | { side: "slack"; facet: "status"; action: "set"; value: NonNullable<SlackHold["status"]> }
  | { side: "slack"; facet: "status"; action: "clear" }
  | { side: "slack"; facet: "dnd"; action: "set"; value: NonNullable<SlackHold["dnd"]> }
  | { side: "slack"; facet: "dnd"; action: "clear" }
  | { side: "slack"; facet: "presence"; action: "set"; value: NonNullable<SlackHold["presence"]> }
  | { side: "slack"; facet: "presence"; action: "clear" };

/** One Graph call the write step makes. Sessions come before preferred presence (which needs one). */
export type TeamsWriteOp =
  | { side: "teams"; facet: "session"; action: "set"; value: NonNullable<TeamsHold["session"]> }
  | { side: "teams"; facet: "session"; action: "clear" }
  | { side: "teams"; facet: "preferred"; action: "set"; value: NonNullable<TeamsHold["preferred"]> }
  | { side: "teams"; facet: "preferred"; action: "clear" }
  | { side: "teams"; facet: "statusMessage"; action: "set"; value: NonNullable<TeamsHold["statusMessage"]> }
  | { side: "teams"; facet: "statusMessage"; action: "clear" };

export type WriteOp = SlackWriteOp | TeamsWriteOp;

export interface PlannedWrite<Op> {
  op: Op;
  /** The observations this write will cause, to store before writing (loop protection layer 1). */
  expectations: Expectation[];
}

export interface PlanOptions {
  /** Facets to write again although unchanged (keep-alive, expiry refresh). */
  refresh?: readonly string[];
  /**
   * The time of the write (epoch ms): a fixed-expiry Slack status that has lapsed is gone from
   * Slack, so neither setting nor clearing it is a call.
   */
  now?: number;
}

/** What the write step works from: what to hold, what was written, what may be half-written. */
export interface WriteState<H> {
  hold: H;
  written: H;
  attempted: H;
}

/** The Slack calls that bring the side in line with the hold. */
export function planSlackWrites(
  current: WriteState<SlackHold>,
  options: PlanOptions = {},
): PlannedWrite<SlackWriteOp>[] {
  const now = options.now;
  const state =
    now === undefined
      ? current
      : {
          hold: withoutLapsedSlackStatus(current.hold, now),
          written: withoutLapsedSlackStatus(current.written, now),
          attempted: withoutLapsedSlackStatus(current.attempted, now),
        };
  return SLACK_HOLD_FACETS.filter((facet) => needsWrite(state, facet, options)).map((facet) => ({
    op: slackOp(facet, state.hold),
    expectations: [
      ...expectedSlackEchoes(facet, state.hold),
      ...leaving(previousValues(state, facet).flatMap((previous) => expectedSlackEchoes(facet, previous))),
    ],
  }));
}

/** The Graph calls that bring the side in line with the hold. */
export function planTeamsWrites(
  state: WriteState<TeamsHold>,
  options: PlanOptions = {},
): PlannedWrite<TeamsWriteOp>[] {
  return TEAMS_HOLD_FACETS.filter((facet) => needsWrite(state, facet, options)).map((facet) => ({
    op: teamsOp(facet, state.hold),
    expectations: [
      ...expectedTeamsEchoes(facet, state.hold),
      ...leaving(previousValues(state, facet).flatMap((previous) => expectedTeamsEchoes(facet, previous))),
    ],
  }));
}

/** What the side may still show in this facet from earlier writes, each as a one-facet hold. */
function previousValues<H extends object>(state: WriteState<H>, facet: keyof H): H[] {
  return [state.written[facet], state.attempted[facet]]
    .filter((value) => value !== undefined)
    .map((value) => ({ [facet]: value }) as H);
}

function needsWrite<H extends object>(
  state: WriteState<H>,
  facet: keyof H & string,
  options: PlanOptions,
): boolean {
  const want = state.hold[facet];
  const have = state.written[facet];
  // A write whose outcome is unknown is performed again (same or newer value: replays are harmless).
  if (state.attempted[facet] !== undefined) return true;
  if (want === undefined && have === undefined) return false;
  if (options.refresh?.includes(facet) && want !== undefined) return true;
  return !sameHold({ v: want }, { v: have });
}

/** The call for one facet: set it to the held value, or clear it when the bridge holds nothing there. */
function facetOp<Op extends WriteOp>(side: Op["side"], facet: string, hold: object): Op {
  const value = (hold as Record<string, unknown>)[facet];
  return (
    value === undefined ? { side, facet, action: "clear" } : { side, facet, action: "set", value }
  ) as Op;
}

function slackOp(facet: SlackHoldFacet, hold: SlackHold): SlackWriteOp {
  return facetOp<SlackWriteOp>("slack", facet, hold);
}

function teamsOp(facet: TeamsHoldFacet, hold: TeamsHold): TeamsWriteOp {
  return facetOp<TeamsWriteOp>("teams", facet, hold);
}

/** Records that `op` is about to be performed (before the call). */
export function recordAttempt<H extends SlackHold | TeamsHold>(
  state: WriteState<H>,
  op: WriteOp,
): WriteState<H> {
  const attempted = { ...state.attempted } as Record<string, unknown>;
  if (op.action === "set") attempted[op.facet] = op.value;
  return { ...state, attempted: attempted as H };
}

/** Records the outcome of `op`: done (written) or definitely not done (failed); either way no longer in flight. */
export function recordOutcome<H extends SlackHold | TeamsHold>(
  state: WriteState<H>,
  op: WriteOp,
  outcome: "done" | "failed",
): WriteState<H> {
  const attempted = { ...state.attempted } as Record<string, unknown>;
  delete attempted[op.facet];
  const written = { ...state.written } as Record<string, unknown>;
  if (outcome === "done") {
    if (op.action === "set") written[op.facet] = op.value;
    else delete written[op.facet];
  }
  return { ...state, attempted: attempted as H, written: written as H };
}
