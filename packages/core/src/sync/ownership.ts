import type { SlackView, TeamsView } from "../model/facets.ts";
import { LEAVING_PREFIX, viewFingerprints } from "../model/fingerprint.ts";
import type { Side } from "../model/vocabulary.ts";
import type { PendingExpectation, SideRecord } from "./types.ts";

/**
 * Values the bridge may have put in a facet of one side: what it holds, what it last wrote, and a
 * write in flight whose outcome is unknown (a worker that died between the call and its record).
 */
export function bridgeValues<H extends object, F extends keyof H>(
  record: SideRecord<unknown, H>,
  facet: F,
): NonNullable<H[F]>[] {
  return [record.hold[facet], record.written[facet], record.attempted[facet]].filter(
    (value): value is NonNullable<H[F]> => value !== undefined && value !== null,
  );
}

/** Whether the bridge may have put something in this facet. */
export function bridgeMayHold<H extends object>(record: SideRecord<unknown, H>, facet: keyof H): boolean {
  return bridgeValues(record, facet).length > 0;
}

/** Whether something the bridge wrote (or may have written) is on the side in this facet. */
export function bridgeWroteTo<H extends object>(record: SideRecord<unknown, H>, facet: keyof H): boolean {
  return record.written[facet] !== undefined || record.attempted[facet] !== undefined;
}

/**
 * Observation facets whose current value is a bridge value on its way out: a pending "leaving"
 * expectation matches it (the bridge replaced or cleared it and the side has not reported it yet).
 */
export function leavingFacets(
  side: Side,
  view: SlackView | TeamsView,
  expectations: readonly PendingExpectation[],
  now: number,
): Set<string> {
  const current = viewFingerprints(side, view);
  const out = new Set<string>();
  for (const [facet, fingerprint] of Object.entries(current)) {
    const leavingNow = expectations.some(
      (e) =>
        e.side === side &&
        e.facet === facet &&
        e.fingerprint === `${LEAVING_PREFIX}${fingerprint}` &&
        e.expiresAt > now,
    );
    if (leavingNow) out.add(facet);
  }
  return out;
}
