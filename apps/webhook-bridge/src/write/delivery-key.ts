import { createHash } from "node:crypto";

import { externalStateFingerprint, type ExternalState, type PublishedState } from "@presence/core";

/**
 * The Idempotency-Key of a delivery: the same on every retry of one state sent to one system, different for
 * each new publication (a person busy, available, then busy again is three deliveries).
 */
export function deliveryKey(
  connectionId: string,
  linkId: string,
  state: PublishedState | null,
  occurredAt: number,
): string {
  const hash = createHash("sha256")
    .update([connectionId, linkId, JSON.stringify(state), String(occurredAt)].join("\u0000"))
    .digest("hex");
  return `pb-${hash.slice(0, 40)}`;
}

/** What a system reporting our state back would report, as loop protection fingerprints it. */
export function sentFingerprint(state: PublishedState | null): string {
  // A published activity is the hub's canonical one; the fingerprint only joins availability and activity.
  return externalStateFingerprint(
    state && { availability: state.availability, activity: state.activity as ExternalState["activity"] },
  );
}
