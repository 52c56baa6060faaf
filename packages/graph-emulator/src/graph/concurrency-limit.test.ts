import { describe, expect, it } from "vitest";
import { ConcurrencyLimit } from "./concurrency-limit.ts";

describe("ConcurrencyLimit", () => {
  it("admits up to the limit per key and frees a slot on release (once)", () => {
    const limit = new ConcurrencyLimit(2);
    const a = limit.enter("app:mailbox");
    const b = limit.enter("app:mailbox");
    expect(a && b).toBeTruthy();
    expect(limit.enter("app:mailbox")).toBeUndefined();
    expect(limit.enter("app:other-mailbox")).toBeTruthy();
    a?.();
    a?.();
    expect(limit.active("app:mailbox")).toBe(1);
    expect(limit.enter("app:mailbox")).toBeTruthy();
  });
});
