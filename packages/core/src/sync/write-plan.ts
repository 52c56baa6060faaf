import { expectedSlackEcho, expectedTeamsEcho, type Expectation } from "../model/fingerprint.ts";
import {
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
  /** The observation this write will cause, to store before writing (loop protection layer 1). */
  expectation: Expectation | undefined;
}

export interface PlanOptions {
  /** Facets to write again although unchanged (keep-alive, expiry refresh). */
  refresh?: readonly string[];
}

/** The Slack calls that bring what was written in line with the hold. */
export function planSlackWrites(
  hold: SlackHold,
  written: SlackHold,
  options: PlanOptions = {},
): PlannedWrite<SlackWriteOp>[] {
  return SLACK_HOLD_FACETS.filter((facet) => needsWrite(hold, written, facet, options)).map((facet) => ({
    op: slackOp(facet, hold),
    expectation: expectedSlackEcho(facet, hold),
  }));
}

/** The Graph calls that bring what was written in line with the hold. */
export function planTeamsWrites(
  hold: TeamsHold,
  written: TeamsHold,
  options: PlanOptions = {},
): PlannedWrite<TeamsWriteOp>[] {
  return TEAMS_HOLD_FACETS.filter((facet) => needsWrite(hold, written, facet, options)).map((facet) => ({
    op: teamsOp(facet, hold),
    expectation: expectedTeamsEcho(facet, hold),
  }));
}

function needsWrite<H extends object>(
  hold: H,
  written: H,
  facet: keyof H & string,
  options: PlanOptions,
): boolean {
  const want = hold[facet];
  const have = written[facet];
  if (want === undefined && have === undefined) return false;
  if (options.refresh?.includes(facet) && want !== undefined) return true;
  return !sameHold({ v: want }, { v: have });
}

function slackOp(facet: SlackHoldFacet, hold: SlackHold): SlackWriteOp {
  switch (facet) {
    case "status":
      return hold.status
        ? { side: "slack", facet, action: "set", value: hold.status }
        : { side: "slack", facet, action: "clear" };
    case "dnd":
      return hold.dnd
        ? { side: "slack", facet, action: "set", value: hold.dnd }
        : { side: "slack", facet, action: "clear" };
    case "presence":
      return hold.presence
        ? { side: "slack", facet, action: "set", value: hold.presence }
        : { side: "slack", facet, action: "clear" };
  }
}

function teamsOp(facet: TeamsHoldFacet, hold: TeamsHold): TeamsWriteOp {
  switch (facet) {
    case "session":
      return hold.session
        ? { side: "teams", facet, action: "set", value: hold.session }
        : { side: "teams", facet, action: "clear" };
    case "preferred":
      return hold.preferred
        ? { side: "teams", facet, action: "set", value: hold.preferred }
        : { side: "teams", facet, action: "clear" };
    case "statusMessage":
      return hold.statusMessage
        ? { side: "teams", facet, action: "set", value: hold.statusMessage }
        : { side: "teams", facet, action: "clear" };
  }
}

/** The written record after `op` succeeded. */
export function applyWritten<H extends SlackHold | TeamsHold>(written: H, op: WriteOp): H {
  const next = { ...written } as Record<string, unknown>;
  if (op.action === "set") next[op.facet] = op.value;
  else delete next[op.facet];
  return next as H;
}
