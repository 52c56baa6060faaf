import type { WriteOp } from "@presence/core";
import { describe, expect, it } from "vitest";

import { nextHeldUntil } from "./write.ts";

const session: WriteOp = {
  side: "teams",
  facet: "session",
  action: "set",
  value: { availability: "Available", activity: "Available", keepAlive: true },
};
const message: WriteOp = {
  side: "teams",
  facet: "statusMessage",
  action: "set",
  value: { text: "x", expiresAt: null },
};

describe("nextHeldUntil", () => {
  it("moves the deadline when the job wrote every facet it is about", () => {
    expect(nextHeldUntil({ at: 5000, facets: ["session"] }, new Date(1000), [session, message])).toEqual(
      new Date(5000),
    );
  });
  it("keeps an earlier deadline when the job wrote other facets only", () => {
    expect(nextHeldUntil({ at: 5000, facets: ["session"] }, new Date(1000), [message])).toEqual(
      new Date(1000),
    );
    expect(nextHeldUntil({ at: 5000, facets: ["session"] }, null, [message])).toEqual(new Date(5000));
  });
  it("clears it when nothing held needs refreshing", () => {
    expect(nextHeldUntil(null, new Date(1000), [session])).toBeNull();
  });
});
