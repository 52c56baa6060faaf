import { expect, it } from "vitest";

import { propertyRuns } from "./property-runs.ts";

it("property tests run 1000 cases by default and refuse anything below 100 or not a number", () => {
  expect(propertyRuns(undefined)).toBe(1000);
  expect(propertyRuns("5000")).toBe(5000);
  for (const bad of ["", " ", "0", "99", "abc", "1e9x", "150.5"])
    expect(() => propertyRuns(bad), JSON.stringify(bad)).toThrow(/at least 100/);
});
