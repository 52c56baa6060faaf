import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "all-in-one",
    include: ["src/**/*.test.ts", "bench/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
