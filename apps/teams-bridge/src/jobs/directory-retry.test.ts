import { BridgeError } from "@presence/core";
import { describe, expect, it } from "vitest";

import { directoryRetryMs } from "./directory-retry.ts";

const SIX_HOURS = 6 * 3_600_000;

describe("directoryRetryMs", () => {
  it("waits Graph's Retry-After when it throttled, a minute when it gave none", () => {
    expect(
      directoryRetryMs(new BridgeError("rate_limited", "429", { retryAfterMs: 12_000 }), SIX_HOURS),
    ).toBe(12_000);
    expect(directoryRetryMs(new BridgeError("rate_limited", "429"), SIX_HOURS)).toBe(60_000);
  });

  it("tries again after 30 s when Graph or Entra could not be reached", () => {
    expect(directoryRetryMs(new BridgeError("upstream_unavailable", "ECONNREFUSED"), SIX_HOURS)).toBe(30_000);
  });

  it("waits five minutes after any other failure, never longer than the regular interval", () => {
    expect(directoryRetryMs(new BridgeError("missing_permission", "403"), SIX_HOURS)).toBe(300_000);
    expect(directoryRetryMs(new BridgeError("internal", "bug"), 120_000)).toBe(120_000);
    expect(directoryRetryMs(new BridgeError("upstream_unavailable", "down"), 10_000)).toBe(10_000);
  });
});
