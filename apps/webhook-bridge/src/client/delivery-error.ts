import { BridgeError } from "@presence/core";

import type { DeliveryOutcome } from "./post-webhook.ts";

/**
 * A delivery's answer as the spoke adapter contract's error (null when delivered): 429 is `rate_limited`
 * with its Retry-After, 5xx / timeouts / network failures `upstream_unavailable`, 410 and any other
 * refusal `upstream_rejected`.
 */
export function deliveryError(outcome: DeliveryOutcome, connectionId: string): BridgeError | null {
  const to = `Delivery to ${connectionId}`;
  switch (outcome.kind) {
    case "delivered":
      return null;
    case "rate_limited":
      return new BridgeError("rate_limited", `${to}: rate limited (429)`, {
        retryAfterMs: outcome.retryAfterMs,
      });
    case "retry":
      return new BridgeError("upstream_unavailable", `${to} failed: ${outcome.reason}`);
    case "gone":
      return new BridgeError("upstream_rejected", `${to}: 410 Gone, the system wants no more deliveries`);
    case "rejected":
      return new BridgeError("upstream_rejected", `${to} not accepted: ${outcome.reason}`);
  }
}
