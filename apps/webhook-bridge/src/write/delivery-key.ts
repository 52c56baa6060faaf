import { createHash } from "node:crypto";

import type { PublishedState } from "@presence/core";

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
