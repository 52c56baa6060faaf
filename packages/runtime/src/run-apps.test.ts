import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { WriteOp } from "@presence/core";
import { createLink, listSyncEvents } from "@presence/db";
import { enqueueObservation } from "@presence/pipeline";
import { waitForIdle } from "@presence/pipeline/testing";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { AppModule } from "./app-module.ts";
import { runApps, type RunningApps } from "./run-apps.ts";
import { startRuntime, type Runtime } from "./start-runtime.ts";

/**
 * The zero-config path end to end: no DATABASE_URL and no TOKEN_ENCRYPTION_KEY → the embedded
 * Postgres (PGlite over the wire protocol) is started and migrated, a key is generated under the
 * data directory, Prisma queries and the graphile-worker queue run on it, and the HTTP server
 * serves the operational endpoints.
 */
describe("runtime on the embedded Postgres", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "presence-runtime-"));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  let runtime: Runtime;
  let running: RunningApps;
  const written: WriteOp[] = [];
  let ready = true;

  beforeAll(async () => {
    runtime = await startRuntime("runtime-test", {
      EMBEDDED_DATABASE_DIR: join(dataDir, "postgres"),
      EMBEDDED_DATABASE_PORT: port,
      TOKEN_ENCRYPTION_OLD_KEYS: [],
      LOG_LEVEL: "warn",
    });
    const router = express.Router();
    router.get("/probe", (_req, res) => void res.json({ ok: true }));
    const module: AppModule = {
      name: "probe",
      router,
      writers: [
        { side: "slack", perform: async (_link, op) => void written.push(op), heldUntil: () => null },
      ],
      readiness: [
        {
          name: "probe",
          check: async () => {
            if (!ready) throw new Error("probe not ready");
          },
        },
      ],
      start: async () => undefined,
      stop: async () => undefined,
    };
    running = await runApps(runtime, [module], { host: "127.0.0.1", port: 0, workerConcurrency: 4 });
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    await runtime?.stop();
  });

  it("runs embedded, with a generated key kept beside the data", () => {
    expect(runtime.embedded).toBe(true);
    expect(runtime.databaseUrl).toBe(`postgres://postgres@127.0.0.1:${port}/postgres`);
    const keyFile = join(dataDir, "token-encryption.key");
    expect(existsSync(keyFile)).toBe(true);
    expect(Buffer.from(readFileSync(keyFile, "utf8"), "base64")).toHaveLength(32);
  });

  it("serves /healthz, /readyz (503 naming the failing check) and /metrics", async () => {
    expect(await (await fetch(`${running.url}/healthz`)).json()).toEqual({ status: "ok" });
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
    ready = false;
    const notReady = await fetch(`${running.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({
      status: "not_ready",
      checks: [
        { name: "database", ok: true },
        { name: "probe", ok: false },
      ],
    });
    ready = true;
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toContain("presence_sync_events_total");
    expect(metrics).toContain('service="runtime-test"');
    expect((await fetch(`${running.url}/probe`)).status).toBe(200);
    expect((await fetch(`${running.url}/nothing-here`)).status).toBe(404);
  });

  it("stores, queues and decides on it: a Teams meeting reaches the Slack writer", async () => {
    const link = await createLink(runtime.db, {
      slackTeamId: "T0EMB",
      slackUserId: "U0EMB",
      tenantId: "cccccccc-cccc-4ccc-8ccc-cccccccccccc",
      entraUserId: "dddddddd-dddd-4ddd-8ddd-dddddddddddd",
    });
    await enqueueObservation(runtime.db, {
      subject: { side: "teams", tenantId: link.tenantId, userId: link.entraUserId },
      facets: {
        presence: { availability: "Busy", activity: "InAMeeting" },
        outOfOffice: { isOutOfOffice: false },
      },
      version: "00000000000000000001",
      observedAt: Date.now(),
      source: "test",
    });
    await waitForIdle(runtime.db, { timeoutMs: 30_000 });
    expect(written).toEqual([
      expect.objectContaining({
        facet: "status",
        action: "set",
        value: expect.objectContaining({ text: "In a meeting (via Teams)" }),
      }),
    ]);
    const kinds = (await listSyncEvents(runtime.db, { linkId: link.id })).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["mirrored", "written"]));
  }, 60_000);
});
