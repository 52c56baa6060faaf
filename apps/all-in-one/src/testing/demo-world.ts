import { generateEncryptionKey, parseKeyRing } from "@presence/db";
import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import { runApps, type AppModule, type RunningApps, type Runtime } from "@presence/runtime";
import { createLogger, createMetrics } from "@presence/telemetry";

import { composeApps } from "../compose-apps.ts";
import { startDemo, type Demo } from "../demo/start-demo.ts";
import { ZAllInOneEnv } from "../env.ts";

export interface DemoWorld {
  t: TestDatabase;
  url: string;
  demo: Demo;
  running: RunningApps;
  /** The app modules the process runs (the bridges' parts, for tests that drive one directly). */
  modules: AppModule[];
  runtime: Runtime;
  stop(): Promise<void>;
}

/**
 * The zero-config demo as `pnpm start` runs it — both emulators, the three apps in one process, the
 * demo people linked — but on a test database of the real Postgres, and reading Teams every second.
 */
export async function startDemoWorld(port: number): Promise<DemoWorld> {
  const t = await createTestDatabase();
  const url = `http://127.0.0.1:${port}`;
  const logger = createLogger({ service: "demo-world", level: "warn" });
  const runtime: Runtime = {
    service: "all-in-one",
    db: t.db,
    databaseUrl: t.url,
    embedded: t.embedded,
    keyRing: parseKeyRing(generateEncryptionKey()),
    logger,
    metrics: createMetrics("demo-world"),
    now: () => Date.now(),
    stop: async () => undefined,
  };
  const env = ZAllInOneEnv.parse({ GRAPH_POLL_INTERVAL_SECONDS: "1", HOST: "127.0.0.1", PORT: String(port) });
  const demo = await startDemo({ publicBaseUrl: url, port: 0, logger, slack: true, graph: true });
  const modules = await composeApps(runtime, env, { publicBaseUrl: url, demo });
  const running = await runApps(runtime, modules, {
    host: "127.0.0.1",
    port,
    workerConcurrency: 6,
    pollIntervalMs: 200,
  });
  await demo.attach(running.url, t.db, logger);
  return {
    t,
    url,
    demo,
    running,
    modules,
    runtime,
    async stop() {
      await running.stop();
      await demo.close();
      await t.drop();
    },
  };
}
