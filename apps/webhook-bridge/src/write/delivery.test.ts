import { isBridgeError, type PublishedState } from "@presence/core";
import { listSyncEvents, type Link } from "@presence/db";
import { WEBHOOK_PUBLISH_TASK } from "@presence/pipeline";
import { run, type Logger, type Runner } from "graphile-worker";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { startTestReceiver, type TestReceiver } from "../testing/test-receiver.ts";
import { startWebhookWorld, type WebhookWorld } from "../testing/webhook-world.ts";
import { runWebhookDeliver } from "./deliver-task.ts";
import { WEBHOOK_DELIVER_TASK } from "./enqueue-delivery.ts";
import { runWebhookPublish } from "./publish-task.ts";

const SECRET = "a3f1c2d4e5b6a7980c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b";
const BUSY: PublishedState = {
  availability: "busy",
  activity: "inAMeeting",
  outOfOffice: false,
  until: Date.parse("2099-01-01T10:30:00Z"),
  source: "teams",
};
let w: WebhookWorld;
let receiver: TestReceiver;

beforeAll(async () => {
  w = await startWebhookWorld({ WEBHOOK_DELIVERY_TIMEOUT_SECONDS: "1", WEBHOOK_MAX_ATTEMPTS: "3" });
  receiver = await startTestReceiver(SECRET);
});
afterAll(async () => {
  await receiver.close();
  await w.close();
});
afterEach(() => {
  receiver.received.length = 0;
  receiver.answers.length = 0;
  delete receiver.onDelivery;
});

let n = 0;
async function setUp(state: PublishedState | null = BUSY): Promise<{ link: Link; connectionId: string }> {
  n += 1;
  const connection = await w.connect({ id: `crm-${n}`, direction: "out", url: receiver.url }, SECRET);
  const link = await w.link(`person${n}@contoso.com`);
  w.published.set(link.id, { state });
  return { link, connectionId: connection.id };
}

const job = (attempts = 1, maxAttempts = 3) => ({ id: `job-${attempts}`, attempts, maxAttempts });
const payload = (connectionId: string, linkId: string) => ({
  connectionId,
  linkId,
  occurredAt: Date.parse("2026-12-04T15:15:44Z"),
});
const events = async (linkId: string) => listSyncEvents(w.t.db, { linkId, order: "asc" });

describe("webhook_publish", () => {
  it("schedules one keyed delivery per active connection that receives states", async () => {
    const { link, connectionId } = await setUp();
    await w.connect({ id: `in-only-${n}`, direction: "in" }, SECRET);
    const off = await w.connect({ id: `off-${n}`, direction: "both", url: receiver.url }, SECRET);
    await w.t.db.webhookConnection.update({ where: { id: off.id }, data: { status: "disabled" } });
    await runWebhookPublish(w.context, { linkId: link.id });
    await runWebhookPublish(w.context, { linkId: link.id });
    const keys = (await w.jobs(WEBHOOK_DELIVER_TASK)).map((j) => j.key);
    expect(keys).toContain(`webhook-deliver:${connectionId}:${link.id}`);
    expect(keys.filter((k) => k?.endsWith(`:${link.id}`))).toHaveLength(
      await w.t.db.webhookConnection.count({
        where: { status: "active", direction: { in: ["out", "both"] } },
      }),
    );
    expect(keys.some((k) => k?.includes(`in-only-${n}`) || k?.includes(`off-${n}`))).toBe(false);
    expect(Object.keys(w.module.tasks ?? {})).toEqual([WEBHOOK_PUBLISH_TASK, WEBHOOK_DELIVER_TASK]);
  });
});

describe("webhook_deliver", () => {
  it("posts the signed state with a stable Idempotency-Key, after storing the echo expectation", async () => {
    const { link, connectionId } = await setUp();
    let expectationsAtPost: unknown[] = [];
    receiver.onDelivery = async () => {
      expectationsAtPost = await w.t.db.writeExpectation.findMany({ where: { linkId: link.id } });
    };
    const outcome = await runWebhookDeliver(w.context, payload(connectionId, link.id), job());
    expect(outcome).toMatchObject({ kind: "delivered", status: 200 });
    const [received] = receiver.received;
    expect(received?.signatureValid).toBe(true);
    expect(received?.body).toEqual({
      type: "presence.changed",
      person: { email: link.email, slackUserId: link.slackUserId, entraUserId: link.entraUserId },
      state: {
        availability: "busy",
        activity: "inAMeeting",
        outOfOffice: false,
        until: "2099-01-01T10:30:00.000Z",
        source: "teams",
      },
      occurredAt: "2026-12-04T15:15:44.000Z",
    });
    expect(expectationsAtPost).toEqual([
      expect.objectContaining({ side: "webhook", facet: connectionId, fingerprint: "busy/inAMeeting" }),
    ]);
    const key = received?.headers["idempotency-key"];
    expect(key).toMatch(/^pb-[0-9a-f]{40}$/);
    await runWebhookDeliver(w.context, payload(connectionId, link.id), job(2));
    expect(receiver.received[1]?.headers["idempotency-key"]).toBe(key);
    expect((await events(link.id)).map((e) => [e.kind, e.side])).toEqual([
      ["written", "webhook"],
      ["written", "webhook"],
    ]);
    const row = await w.t.db.webhookConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(row.lastDeliveryStatus).toBe("200");
    expect(row.lastDeliveryAt).not.toBeNull();
    const metrics = await w.runtime.metrics.registry.getSingleMetricAsString(
      "presence_webhook_deliveries_total",
    );
    expect(metrics).toMatch(/presence_webhook_deliveries_total\{outcome="delivered"[^}]*\} [2-9]/);
  });

  it("sends a state that is not shared as null", async () => {
    const { link, connectionId } = await setUp(null);
    await runWebhookDeliver(w.context, payload(connectionId, link.id), job());
    expect(receiver.received[0]?.body.state).toBeNull();
  });

  it("turns the connection off when the system answers 410 Gone", async () => {
    const { link, connectionId } = await setUp();
    receiver.answers.push({ status: 410 });
    expect(await runWebhookDeliver(w.context, payload(connectionId, link.id), job())).toMatchObject({
      kind: "gone",
    });
    const row = await w.t.db.webhookConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(row.status).toBe("disabled");
    expect(row.statusReason).toMatch(/410 Gone/);
    expect((await events(link.id)).map((e) => e.kind)).toEqual(["failed"]);
    // Nothing more is sent to it.
    expect(await runWebhookDeliver(w.context, payload(connectionId, link.id), job())).toBeNull();
    expect(receiver.received).toHaveLength(1);
  });

  it("waits for Retry-After when the system answers 429", async () => {
    const { link, connectionId } = await setUp();
    receiver.answers.push({ status: 429, headers: { "retry-after": "120" } });
    const before = Date.now();
    expect(await runWebhookDeliver(w.context, payload(connectionId, link.id), job())).toMatchObject({
      kind: "rate_limited",
      retryAfterMs: 120_000,
    });
    const [queued] = (await w.jobs(WEBHOOK_DELIVER_TASK)).filter(
      (j) => j.key === `webhook-deliver:${connectionId}:${link.id}`,
    );
    expect(queued?.runAt.getTime()).toBeGreaterThanOrEqual(before + 119_000);
    expect(queued?.payload).toMatchObject({ deferrals: 1 });
    expect((await events(link.id)).map((e) => e.kind)).toEqual(["rate_limited"]);
  });

  it("throws on a timeout so the queue retries, and records the failure after the last attempt", async () => {
    const { link, connectionId } = await setUp();
    receiver.answers.push({ status: 200, delayMs: 1500 }, { status: 200, delayMs: 1500 });
    const first = await runWebhookDeliver(w.context, payload(connectionId, link.id), job(1)).catch(
      (e: unknown) => e,
    );
    expect(isBridgeError(first, "upstream_unavailable")).toBe(true);
    expect(await events(link.id)).toEqual([]);
    const last = await runWebhookDeliver(w.context, payload(connectionId, link.id), job(3)).catch(
      (e: unknown) => e,
    );
    expect(isBridgeError(last, "upstream_unavailable")).toBe(true);
    const [failed] = await events(link.id);
    expect(failed?.kind).toBe("failed");
    expect(failed?.message).toMatch(/after 3 attempts: no answer within 1 s/);
  });

  it.each([
    [400, "HTTP 400"],
    [302, "redirects are not followed"],
  ])("records %s as failed without retrying", async (status, reason) => {
    const { link, connectionId } = await setUp();
    receiver.answers.push({ status, headers: status === 302 ? { location: `${receiver.url}?again` } : {} });
    expect(await runWebhookDeliver(w.context, payload(connectionId, link.id), job())).toMatchObject({
      kind: "rejected",
    });
    expect(receiver.received).toHaveLength(1);
    const [failed] = await events(link.id);
    expect(failed?.kind).toBe("failed");
    expect(failed?.message).toContain(reason);
  });

  it("is retried by the queue after a 500 and then delivered, with the same Idempotency-Key", async () => {
    const { link, connectionId } = await setUp();
    receiver.answers.push({ status: 500 });
    await w.t.db.webhookConnection.updateMany({
      where: { id: { not: connectionId } },
      data: { status: "disabled" },
    });
    await w.t.db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
    await runWebhookPublish(w.context, { linkId: link.id });
    const runner: Runner = await run({
      connectionString: w.t.url,
      concurrency: 2,
      pollInterval: 200,
      noHandleSignals: true,
      taskList: w.module.tasks ?? {},
      logger: silentLogger(),
    });
    try {
      const deadline = Date.now() + 20_000;
      while (
        receiver.received.filter(
          (r) => r.body.person && (r.body.person as { email: string }).email === link.email,
        ).length < 2
      ) {
        if (Date.now() > deadline) throw new Error("no retry within 20 s");
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const mine = receiver.received.filter((r) => (r.body.person as { email: string }).email === link.email);
      expect(mine.map((r) => r.signatureValid)).toEqual([true, true]);
      expect(mine[1]?.headers["idempotency-key"]).toBe(mine[0]?.headers["idempotency-key"]);
      for (let i = 0; i < 50 && (await events(link.id)).length === 0; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await events(link.id)).map((e) => e.kind)).toEqual(["written"]);
    } finally {
      await runner.stop();
    }
  });
});

function silentLogger() {
  // graphile-worker's own Logger: nothing printed.
  return new (class {
    scope() {
      return this;
    }
    error() {}
    warn() {}
    info() {}
    debug() {}
  })() as unknown as Logger;
}
