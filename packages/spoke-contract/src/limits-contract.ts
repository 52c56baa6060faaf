import { BridgeError, type SpokeWriteOpShape } from "@presence/core";
import { expect, it } from "vitest";

import type { SpokeHarness } from "./harness.ts";

/** What a call throws (a BridgeError), or a failure when it did not throw one. */
async function refusal(call: () => Promise<void>): Promise<BridgeError> {
  const thrown = await call().then(
    () => null,
    (error: unknown) => error,
  );
  if (!(thrown instanceof BridgeError)) throw new Error(`expected a BridgeError, got ${String(thrown)}`);
  return thrown;
}

/**
 * (d) Limits: the spoke's budgets are documented; a spent budget makes the call throw `rate_limited`
 * with a positive retryAfterMs, and a revoked token `auth_revoked`. A writing spoke is checked on a
 * write, a read-only one on a read.
 */
export function limitsContract<Person, View, Hold, Op extends SpokeWriteOpShape>(
  harness: () => SpokeHarness<Person, View, Hold, Op>,
): void {
  const call = () => {
    const h = harness();
    if ("write" in h && h.limits.op !== undefined) {
      const op = h.limits.op;
      return h.adapter.write.perform(h.person.person, op);
    }
    return h.adapter.observe.read(h.person.person);
  };

  it("limits: the spoke's budgets are named, with calls per window", () => {
    const { budgets } = harness().adapter.limits;
    expect(budgets.length).toBeGreaterThan(0);
    for (const budget of budgets) {
      expect(budget.name.length).toBeGreaterThan(0);
      expect(budget.calls).toBeGreaterThan(0);
      expect(budget.windowMs).toBeGreaterThan(0);
    }
  });

  it("limits: a spent budget makes the call throw rate_limited with a positive retryAfterMs", async () => {
    const { limits } = harness();
    await limits.exhaust();
    try {
      const error = await refusal(call);
      expect(error.code).toBe("rate_limited");
      expect(error.retryAfterMs).toBeGreaterThan(0);
    } finally {
      await limits.restore();
    }
  });

  it("limits: a revoked token makes the call throw auth_revoked", async (context) => {
    const { limits } = harness();
    if (!limits.revoke) {
      context.skip();
      return;
    }
    await limits.revoke();
    const error = await refusal(call);
    expect(error.code).toBe("auth_revoked");
  });
}
