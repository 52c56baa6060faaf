import { generateEncryptionKey, parseKeyRing } from "@presence/db";
import { createTestDatabase } from "@presence/db/testing";
import { waitForIdle } from "@presence/pipeline/testing";
import { runApps, type Runtime } from "@presence/runtime";
import { createLogger, createMetrics } from "@presence/telemetry";
import { describe, expect, it } from "vitest";

import { createSlackBridge } from "../create-slack-bridge.ts";
import { ZSlackBridgeConfig, hasSlackCredentials } from "../env.ts";
import { freePort } from "@presence/runtime/testing";
import { startDemoSlack } from "./start-slack-emulator.ts";

describe("the zero-config demo", () => {
  it("configures the bridge against the in-process Slack emulator with env-style settings only, installed and connected", async () => {
    const t = await createTestDatabase();
    const logger = createLogger({ service: "demo-test", level: "fatal" });
    const runtime: Runtime = {
      service: "demo-test",
      db: t.db,
      databaseUrl: t.url,
      embedded: t.embedded,
      keyRing: parseKeyRing(generateEncryptionKey()),
      logger,
      metrics: createMetrics("demo-test"),
      now: () => Date.now(),
      stop: async () => undefined,
    };
    const bare = ZSlackBridgeConfig.parse({});
    expect(hasSlackCredentials(bare)).toBe(false);
    // The demo's redirect URL names the port, so it is picked before the bridge listens.
    const port = await freePort();
    const publicBaseUrl = `http://127.0.0.1:${port}`;
    const demo = await startDemoSlack({ publicBaseUrl, logger });
    try {
      const config = ZSlackBridgeConfig.parse({ ...demo.env, PUBLIC_BASE_URL: publicBaseUrl });
      expect(config.SLACK_API_URL).toBe(demo.emulator.apiUrl);
      const running = await runApps(runtime, [await createSlackBridge(runtime, config)], {
        host: "127.0.0.1",
        port,
        workerConcurrency: 2,
      });
      try {
        await demo.attach(running.url);
        expect(await t.db.slackInstallation.count({ where: { userId: { not: "" } } })).toBe(3);
        await waitForIdle(t.db);
        const emails = (await t.db.directoryEntry.findMany()).map((d) => d.email).sort();
        expect(emails).toEqual(demo.people.map((p) => p.email).sort());
      } finally {
        await running.stop();
      }
    } finally {
      await demo.close();
      await t.drop();
    }
  });
});
