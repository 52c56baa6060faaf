import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "spoke-contract",
    include: ["src/**/*.test.ts"],
    passWithNoTests: true,
  },
});
