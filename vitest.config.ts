import { defineConfig } from "vitest/config";

import { SummaryReporter } from "./tooling/vitest/summary-reporter.ts";

// One run over every workspace's vitest project (`pnpm test`); each package keeps its own config.
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "apps/*/vitest.config.ts"],
    reporters: ["default", new SummaryReporter()],
  },
});
