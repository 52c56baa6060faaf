import type { Expectation } from "../model/fingerprint.ts";
import type { PlannedWrite, PlanOptions, WriteState } from "../sync/write-plan.ts";

/*
 * Write, echo and hold refresh: what a spoke the bridge writes adds to observing it. Ops are typed
 * per spoke (a Slack adapter's perform takes Slack ops only), so nothing inside checks a side.
 */

/** The shape every write op has: one facet set to a value or released. */
export interface SpokeWriteOpShape {
  facet: string;
  action: "set" | "clear";
}

export interface SpokeWrite<Person, Hold, Op extends SpokeWriteOpShape> {
  /** The facets of a hold, in the order their calls are made. */
  facets: readonly (keyof Hold & string)[];
  /** The calls that bring the spoke in line with the hold, with their echoes (core's plan*Writes). */
  plan(state: WriteState<Hold>, options?: PlanOptions): PlannedWrite<Op>[];
  /**
   * Makes one call as or for the person. Throws a BridgeError: `rate_limited` with retryAfterMs,
   * `auth_revoked` (the person must connect again), `missing_permission`, `upstream_rejected`,
   * `upstream_unavailable`.
   */
  perform(person: Person, op: Op): Promise<void>;
}

/** Loop protection's layer 1: what the spoke reports back after a write, as fingerprints. */
export interface SpokeEcho<View, Hold, Op extends SpokeWriteOpShape> {
  /** The observations writing `op`'s facet of `hold` will cause (core's expectedSlackEchoes/expectedTeamsEchoes). */
  expected(op: Op, hold: Hold): Expectation[];
  /** The fingerprints of an observed view, facet by facet (core's viewFingerprints). */
  fingerprints(view: View): Record<string, string>;
}

/** Until when a written hold lasts without being written again, and the facets to write again then. */
export interface HeldUntil {
  at: number;
  facets: string[];
}

/** Hold refresh: null when nothing the bridge holds lapses by itself. */
export type HeldUntilRule<Hold> = (hold: Hold, writtenAt: number) => HeldUntil | null;
