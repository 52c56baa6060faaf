import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

import type { WriteOp } from "@presence/core";
import { createLink } from "@presence/db";
import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import { enqueueObservation, writeTask } from "@presence/pipeline";
import { waitForIdle } from "@presence/pipeline/testing";
import { createLogger, createMetrics } from "@presence/telemetry";
import express from "express";
import { afterAll, beforeAll, expect, it } from "vitest";

import { runApps, type RunningApps } from "./run-apps.ts";
import type { Runtime } from "./start-runtime.ts";

let t: TestDatabase;
let child: ChildProcess | undefined;
let running: RunningApps | undefined;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  child?.kill("SIGKILL");
  await running?.stop();
  await t.drop();
});

/** The write job and who holds it. */
async function writeJob() {
  const [job] = await t.db.$queryRaw<{ locked_by: string | null; locked_at: Date | null }[]>`
    SELECT locked_by, locked_at FROM graphile_worker.jobs WHERE task_identifier = ${writeTask("slack")}`;
  return job;
}

it("a process killed (SIGKILL) holding a job: a live process's heartbeat frees it and it runs again", async () => {
  const link = await createLink(t.db, {
    slackTeamId: "T0DEAD",
    slackUserId: "U0DEAD",
    tenantId: "eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee",
    entraUserId: "ffffffff-ffff-4fff-8fff-ffffffffffff",
  });
  await enqueueObservation(t.db, {
    subject: { side: "teams", tenantId: link.tenantId, userId: link.entraUserId },
    facets: {
      presence: { availability: "Busy", activity: "InAMeeting" },
      outOfOffice: { isOutOfOffice: false },
    },
    version: "00000000000000000001",
    observedAt: Date.now(),
    source: "test",
  });
  const dying = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      fileURLToPath(new URL("./testing/holding-process.ts", import.meta.url)),
      t.url,
      String(t.embedded),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  child = dying;
  await new Promise<void>((resolve, reject) => {
    dying.on("error", reject);
    dying.on("exit", (code) => reject(new Error(`the holding process exited early (${code})`)));
    dying.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("holding")) resolve();
    });
  });
  const held = await writeJob();
  expect(held?.locked_by).toEqual(expect.any(String));
  const instance = await t.db.appInstance.findFirstOrThrow({ where: { service: "holding-process" } });
  expect(instance.workerIds).toContain(held?.locked_by);

  const written: WriteOp[] = [];
  const runtime: Runtime = {
    service: "live-process",
    db: t.db,
    databaseUrl: t.url,
    embedded: t.embedded,
    keyRing: { currentId: "test", keys: new Map([["test", Buffer.alloc(32)]]) },
    logger: createLogger({ service: "live-process", level: "error" }),
    metrics: createMetrics("live-process"),
    now: () => Date.now(),
    stop: async () => undefined,
  };
  running = await runApps(
    runtime,
    [
      {
        name: "live",
        router: express.Router(),
        writers: [
          { side: "slack", perform: async (_link, op) => void written.push(op), heldUntil: () => null },
        ],
        readiness: [],
        start: async () => undefined,
        stop: async () => undefined,
      },
    ],
    {
      host: "127.0.0.1",
      port: 0,
      workerConcurrency: 2,
      pollIntervalMs: 100,
      heartbeatMs: 200,
      orphanedJobAfterMs: 500,
    },
  );
  // While the holder still reports itself, its job is its own, however long it takes.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect((await writeJob())?.locked_by).toBe(held?.locked_by);

  const exited = new Promise((resolve) => dying.once("exit", resolve));
  dying.kill("SIGKILL");
  await exited;
  child = undefined;
  // What 15 s without a report would do, without waiting for it.
  await t.db.$executeRaw`
    UPDATE "AppInstance" SET "lastSeenAt" = now() - interval '1 minute' WHERE "id" = ${instance.id}`;
  const killedAt = Date.now();
  await expect.poll(() => written.length, { timeout: 5_000, interval: 50 }).toBeGreaterThan(0);
  expect(Date.now() - killedAt).toBeLessThan(3_000);
  await waitForIdle(t.db);
  expect(written).toEqual([
    expect.objectContaining({
      facet: "status",
      action: "set",
      value: expect.objectContaining({ text: "In a meeting (via Teams)" }),
    }),
  ]);
});
