import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "teams-bridge",
    include: ["src/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files share nothing at module level (each starts its own emulator, database and bridge):
    // reusing a worker's module cache saves loading msal, the Graph client and Prisma per file.
    isolate: false,
  },
});
