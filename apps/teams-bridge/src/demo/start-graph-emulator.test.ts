import { parseEnv } from "@presence/config";
import { createTestDatabase } from "@presence/db/testing";
import { describe, expect, it } from "vitest";

import { createTeamsBridge } from "../create-teams-bridge.ts";
import { ZTeamsBridgeConfig } from "../env.ts";
import { testRuntime } from "../testing/teams-world.ts";
import { startGraphDemo } from "./start-graph-emulator.ts";

describe("the standalone demo", () => {
  it("runs the bridge against an in-process emulator through ordinary settings and the emulator's CA", async () => {
    const demo = await startGraphDemo({ publicBaseUrl: "http://localhost:3002" });
    const t = await createTestDatabase();
    try {
      const config = parseEnv(ZTeamsBridgeConfig, { ...demo.config });
      expect(config.GRAPH_BASE_URL).toBe(demo.emulator.url);
      const bridge = await createTeamsBridge(testRuntime(t), config, { ca: demo.ca });
      const result = await bridge.reader.read(
        config.AZURE_TENANT_ID ?? "",
        demo.people.map((p) => p.id),
        "graph:poll",
      );
      expect(result).toEqual({ requests: 1, read: 4, changed: 4 });
      expect(demo.emulator.control.apps()[0]?.redirectUris).toEqual([
        "http://localhost:3002/graph/auth/callback",
        "http://localhost:3002/auth/microsoft/callback",
      ]);
      await bridge.stop();
    } finally {
      await t.drop();
      await demo.close();
    }
  });
});
