import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

import type { PublishedHold, WebhookView } from "@presence/core";
import {
  createLink,
  createWebhookConnection,
  generateEncryptionKey,
  parseKeyRing,
  type DbClient,
  type Link,
  type WebhookConnection,
} from "@presence/db";
import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import type { AppModule, Runtime } from "@presence/runtime";
import { createLogger, createMetrics } from "@presence/telemetry";
import express from "express";

import { createWebhookBridge } from "../create-webhook-bridge.ts";
import { ZWebhookBridgeConfig, type WebhookBridgeConfig } from "../env.ts";
import type { WebhookContext } from "../webhook-context.ts";

/** A test's bridge: a fresh database, the module, its routes served on 127.0.0.1, published states to set. */
export interface WebhookWorld {
  t: TestDatabase;
  runtime: Runtime;
  config: WebhookBridgeConfig;
  module: AppModule;
  context: WebhookContext;
  url: string;
  /** What the store would hold as each link's published state. */
  published: Map<string, PublishedHold>;
  connect(
    input: Partial<Pick<WebhookConnection, "id" | "url" | "direction">>,
    secret?: string,
  ): Promise<WebhookConnection>;
  link(email: string): Promise<Link>;
  /** Jobs of a task in the queue. */
  jobs(task: string): Promise<{ key: string | null; payload: unknown; runAt: Date; maxAttempts: number }[]>;
  close(): Promise<void>;
}

let counter = 0;

export async function startWebhookWorld(env: Record<string, string> = {}): Promise<WebhookWorld> {
  const t = await createTestDatabase();
  const runtime: Runtime = {
    service: "webhook-bridge-test",
    db: t.db,
    databaseUrl: t.url,
    embedded: t.embedded,
    keyRing: parseKeyRing(generateEncryptionKey()),
    logger: createLogger({ service: "webhook-bridge-test", level: "fatal" }),
    metrics: createMetrics("webhook-bridge-test"),
    now: () => Date.now(),
    stop: async () => undefined,
  };
  const config = ZWebhookBridgeConfig.parse(env);
  const published = new Map<string, PublishedHold>();
  const loadWebhookSide = async (_db: unknown, linkId: string) => {
    const hold = published.get(linkId);
    return hold ? { hold, view: {} as WebhookView } : null;
  };
  const module = createWebhookBridge(runtime, config, { loadWebhookSide });
  const context: WebhookContext = module.context;
  const app = express();
  app.use(module.router);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    t,
    runtime,
    config,
    module,
    context,
    url,
    published,
    async connect(input, secret = "test-secret-0123456789abcdef") {
      counter += 1;
      return createWebhookConnection(
        t.db,
        runtime.keyRing,
        {
          id: input.id ?? `system-${counter}`,
          name: `System ${counter}`,
          url: input.url ?? null,
          direction: (input.direction as "in" | "out" | "both" | undefined) ?? "both",
          createdBy: "test",
        },
        secret,
      );
    },
    async link(email) {
      counter += 1;
      return createLink(t.db, {
        slackTeamId: "T0TEAM",
        slackUserId: `U0P${String(counter).padStart(5, "0")}`,
        tenantId: "11111111-1111-4111-8111-111111111111",
        entraUserId: `22222222-2222-4222-8222-${String(counter).padStart(12, "0")}`,
        email,
        displayName: email,
      });
    },
    jobs: (task) => queuedJobs(t.db, task),
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await t.drop();
    },
  };
}

async function queuedJobs(db: DbClient, task: string) {
  return db.$queryRaw<{ key: string | null; payload: unknown; runAt: Date; maxAttempts: number }[]>`
    SELECT j.key, j.payload, j.run_at AS "runAt", j.max_attempts AS "maxAttempts"
    FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE t.identifier = ${task} ORDER BY j.id`;
}
