import { describe, expect, it } from "vitest";

import { ZBridgeSettings, ZLinkPolicy, ZLinkPolicyOverrides, effectivePolicy } from "./policy.ts";

describe("link policy overrides", () => {
  it("keep only what was set, so the organisation's defaults still apply to the rest", () => {
    expect(ZLinkPolicyOverrides.parse({})).toEqual({});
    expect(ZLinkPolicyOverrides.parse({ hideMeetingTitles: false })).toEqual({ hideMeetingTitles: false });
    const settings = ZBridgeSettings.parse({
      defaultPolicy: ZLinkPolicy.parse({ shareStatusText: false }),
    });
    const overrides = ZLinkPolicyOverrides.parse({ hideMeetingTitles: false });
    expect(effectivePolicy(settings, overrides)).toMatchObject({
      shareStatusText: false,
      hideMeetingTitles: false,
    });
  });
  it("reject unknown values", () => {
    expect(ZLinkPolicyOverrides.safeParse({ conflictPolicy: "coinFlip" }).success).toBe(false);
  });
});
