import { describe, expect, it } from "vitest";
import { Throttle } from "./throttle.ts";

describe("Throttle", () => {
  it("allows the limit per app and tenant, then answers the seconds left in the window", () => {
    const throttle = new Throttle({ limit: 2, windowMs: 30_000 });
    expect(throttle.hit("t", "a", 0)).toBeUndefined();
    expect(throttle.hit("t", "a", 1)).toBeUndefined();
    expect(throttle.hit("t", "a", 2)).toBe(30);
    expect(throttle.hit("t", "a", 20_500)).toBe(10);
    expect(throttle.hit("t", "b", 20_500)).toBeUndefined();
    expect(throttle.hit("u", "a", 20_500)).toBeUndefined();
    expect(throttle.hit("t", "a", 30_000)).toBeUndefined();
  });
});
