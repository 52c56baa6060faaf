import { describe, expect, it } from "vitest";
import { parseIsoDuration } from "./iso-duration.ts";

describe("parseIsoDuration", () => {
  it("reads the durations Graph documents", () => {
    expect(parseIsoDuration("PT5M")).toBe(300_000);
    expect(parseIsoDuration("PT1H")).toBe(3_600_000);
    expect(parseIsoDuration("PT4H")).toBe(14_400_000);
    expect(parseIsoDuration("P1DT30S")).toBe(86_430_000);
    expect(parseIsoDuration("pt8h")).toBe(28_800_000);
  });

  it("refuses what is not a fixed-length ISO 8601 duration", () => {
    for (const text of ["", "P", "PT", "5M", "P1M", "PT5X", "1 hour"])
      expect(parseIsoDuration(text)).toBeUndefined();
  });
});
