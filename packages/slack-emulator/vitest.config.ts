import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "slack-emulator",
    include: ["src/**/*.test.ts"],
  },
});
