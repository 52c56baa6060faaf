import { defineProject } from "vitest/config";

// Not part of `pnpm test`: `pnpm test:docker` runs it (it builds images and starts containers).
export default defineProject({
  test: {
    name: "docker-smoke",
    include: ["src/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 1_500_000,
  },
});
