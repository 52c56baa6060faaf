import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "graph-emulator",
    include: ["src/**/*.test.ts"],
    testTimeout: 20_000,
  },
});
