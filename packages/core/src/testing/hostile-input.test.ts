import fc from "fast-check";
import { expect, it } from "vitest";

import { fuzzRuns, hostileUrlPart, malformedJson } from "./hostile-input.ts";

it("fuzz tests run 100 cases per property by default and refuse anything below 1 or not a number", () => {
  expect(fuzzRuns(undefined)).toBe(100);
  expect(fuzzRuns(undefined, 20)).toBe(20);
  expect(fuzzRuns("1")).toBe(1);
  expect(fuzzRuns(" 3000 ")).toBe(3000);
  for (const bad of ["", " ", "0", "-5", "abc", "1e9x", "150.5"])
    expect(() => fuzzRuns(bad), JSON.stringify(bad)).toThrow(/at least 1/);
});

it("malformed JSON never parses, and URL parts can always be put in a request path", () => {
  fc.assert(
    fc.property(malformedJson, (text) => {
      expect(() => JSON.parse(text)).toThrow();
    }),
    { numRuns: 200 },
  );
  fc.assert(
    fc.property(hostileUrlPart, (part) => {
      expect(part).toMatch(/^[\u0021-\u00ff]+$|^$/);
    }),
    { numRuns: 200 },
  );
});
