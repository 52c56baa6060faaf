import { OBSERVE_TASK } from "@presence/pipeline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { signWebhook } from "../contract/signature.ts";
import { signedReport } from "../testing/signed-request.ts";
import { startWebhookWorld, type WebhookWorld } from "../testing/webhook-world.ts";
import { createWebhookBridge } from "../create-webhook-bridge.ts";
import express from "express";
import type { AddressInfo } from "node:net";

const SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
let w: WebhookWorld;

beforeAll(async () => {
  w = await startWebhookWorld();
  await w.connect({ id: "phones", direction: "in" }, SECRET);
  await w.connect({ id: "dialler", direction: "out", url: "https://dialler.example.com/hook" }, SECRET);
  const off = await w.connect({ id: "old-pbx", direction: "both", url: "https://pbx.example.com/" }, SECRET);
  await w.t.db.webhookConnection.update({ where: { id: off.id }, data: { status: "disabled" } });
});
afterAll(async () => {
  await w.close();
});

function report(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    person: { email: "Ada@Contoso.com" },
    state: { availability: "busy", activity: "inACall", until: null },
    occurredAt: new Date(Date.now() - 1000).toISOString(),
    ...overrides,
  });
}

async function post(path: string, body: string, headers: Record<string, string>) {
  const response = await fetch(`${w.url}${path}`, { method: "POST", body, headers });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function stored() {
  return { jobs: (await w.jobs(OBSERVE_TASK)).length, events: await w.t.db.inboundEvent.count() };
}

describe("POST /webhooks/:connectionId", () => {
  it("takes a signed report in as one observe job and one inbound event, and a repeat of its key as a duplicate", async () => {
    const before = await stored();
    const occurredAt = "2026-12-04T15:15:44.000Z";
    const body = report({
      occurredAt: new Date(Math.min(Date.parse(occurredAt), Date.now() - 1000)).toISOString(),
      state: { availability: "busy", activity: "inACall", until: "2099-01-01T00:00:00Z" },
    });
    const headers = signedReport(SECRET, body, { idempotencyKey: "call-42/start" });
    const accepted = await post("/webhooks/phones", body, headers);
    expect(accepted).toEqual({ status: 202, json: { status: "accepted" } });

    const jobs = await w.jobs(OBSERVE_TASK);
    expect(jobs).toHaveLength(before.jobs + 1);
    const sent = JSON.parse(body) as { occurredAt: string };
    expect(jobs.at(-1)?.payload).toMatchObject({
      subject: { side: "webhook", connectionId: "phones", email: "ada@contoso.com" },
      facets: {
        phones: { availability: "busy", activity: "inACall", until: Date.parse("2099-01-01T00:00:00Z") },
      },
      version: String(Date.parse(sent.occurredAt)).padStart(15, "0"),
      source: "webhook:phones",
      eventId: expect.stringMatching(/^webhook:phones:call-42\/start:[0-9a-f]{16}$/) as unknown as string,
    });
    expect(await w.t.db.inboundEvent.count()).toBe(before.events + 1);

    const again = await post(
      "/webhooks/phones",
      body,
      signedReport(SECRET, body, { idempotencyKey: "call-42/start" }),
    );
    expect(again).toEqual({ status: 200, json: { status: "duplicate" } });
    expect(await stored()).toEqual({ jobs: before.jobs + 1, events: before.events + 1 });

    // A different report reusing the key is its own report, not taken for a retry of the first.
    const other = report({ state: null });
    const reused = await post(
      "/webhooks/phones",
      other,
      signedReport(SECRET, other, { idempotencyKey: "call-42/start" }),
    );
    expect(reused).toEqual({ status: 202, json: { status: "accepted" } });
    expect(await stored()).toEqual({ jobs: before.jobs + 2, events: before.events + 2 });
  });

  it("takes in a null state (the system reports nothing now)", async () => {
    const body = report({ state: null });
    expect((await post("/webhooks/phones", body, signedReport(SECRET, body))).status).toBe(202);
    expect((await w.jobs(OBSERVE_TASK)).at(-1)?.payload).toMatchObject({ facets: { phones: null } });
  });

  const now = () => Math.floor(Date.now() / 1000);
  const refusals: [
    string,
    () => { path?: string; body: string; headers: Record<string, string> },
    number,
    RegExp,
  ][] = [
    [
      "a bad signature (body changed after signing)",
      () => ({ body: report({ state: null }), headers: signedReport(SECRET, report()) }),
      401,
      /does not match/,
    ],
    [
      "a signature made with another secret",
      () => ({ body: report(), headers: signedReport("not-the-secret", report()) }),
      401,
      /does not match/,
    ],
    [
      "a stale timestamp",
      () => ({ body: report(), headers: signedReport(SECRET, report(), { timestamp: now() - 301 }) }),
      401,
      /300 seconds/,
    ],
    [
      "a timestamp from the future",
      () => ({ body: report(), headers: signedReport(SECRET, report(), { timestamp: now() + 400 }) }),
      401,
      /300 seconds/,
    ],
    [
      "no timestamp",
      () => {
        const { "x-presence-timestamp": _, ...headers } = signedReport(SECRET, report());
        return { body: report(), headers };
      },
      401,
      /X-Presence-Timestamp/,
    ],
    [
      "no signature",
      () => {
        const { "x-presence-signature": _, ...headers } = signedReport(SECRET, report());
        return { body: report(), headers };
      },
      401,
      /X-Presence-Signature/,
    ],
    [
      "a signature of another scheme",
      () => {
        const headers = signedReport(SECRET, report());
        return {
          body: report(),
          headers: {
            ...headers,
            "x-presence-signature": headers["x-presence-signature"]?.replace("v1=", "v0=") ?? "",
          },
        };
      },
      401,
      /does not match/,
    ],
    [
      "no Idempotency-Key",
      () => {
        const body = report();
        const { "idempotency-key": _, ...headers } = signedReport(SECRET, body);
        return { body, headers };
      },
      400,
      /Idempotency-Key/,
    ],
    [
      "an Idempotency-Key with spaces",
      () => {
        const body = report();
        return { body, headers: signedReport(SECRET, body, { idempotencyKey: "a key" }) };
      },
      400,
      /Idempotency-Key/,
    ],
    [
      "malformed JSON, correctly signed",
      () => ({ body: '{"person":', headers: signedReport(SECRET, '{"person":') }),
      400,
      /not valid JSON/,
    ],
    [
      "an unknown availability",
      () => {
        const body = report({ state: { availability: "onFire", activity: "busy", until: null } });
        return { body, headers: signedReport(SECRET, body) };
      },
      400,
      /state\.availability/,
    ],
    [
      "no e-mail",
      () => {
        const body = report({ person: { id: "42" } });
        return { body, headers: signedReport(SECRET, body) };
      },
      400,
      /person\.email/,
    ],
    [
      "an until before occurredAt",
      () => {
        const body = report({
          state: { availability: "busy", activity: "inACall", until: "2001-01-01T00:00:00Z" },
        });
        return { body, headers: signedReport(SECRET, body) };
      },
      400,
      /state\.until/,
    ],
    [
      "an unknown connection",
      () => ({ path: "/webhooks/nobody", body: report(), headers: signedReport(SECRET, report()) }),
      404,
      /No active connection/,
    ],
    [
      "a connection id that is no id",
      () => ({ path: "/webhooks/Not_An_Id", body: report(), headers: signedReport(SECRET, report()) }),
      404,
      /No active connection/,
    ],
    [
      "a connection that only receives states",
      () => ({ path: "/webhooks/dialler", body: report(), headers: signedReport(SECRET, report()) }),
      404,
      /No active connection/,
    ],
    [
      "a disabled connection",
      () => ({ path: "/webhooks/old-pbx", body: report(), headers: signedReport(SECRET, report()) }),
      404,
      /No active connection/,
    ],
    [
      "a body over 64 KB",
      () => {
        const body = report({ padding: "x".repeat(70_000) });
        return { body, headers: signedReport(SECRET, body) };
      },
      413,
      /larger than/,
    ],
  ];

  it.each(refusals)("refuses %s and stores nothing", async (_name, make, status, message) => {
    const before = await stored();
    const request = make();
    const answer = await post(request.path ?? "/webhooks/phones", request.body, request.headers);
    expect(answer.status).toBe(status);
    expect(String(answer.json.message)).toMatch(message);
    expect(await stored()).toEqual(before);
  });

  it("answers 503 when the report cannot be stored, so the system sends it again", async () => {
    // Storing the report (its dedupe record and its job, one statement) fails; reading the connection works.
    const failing = new Proxy(w.t.db, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property !== "$queryRaw" || typeof value !== "function") return value;
        return (sql: TemplateStringsArray, ...values: unknown[]) =>
          sql.join("?").includes('"InboundEvent"')
            ? Promise.reject(new Error("the database is away"))
            : (value as (s: TemplateStringsArray, ...v: unknown[]) => unknown).call(target, sql, ...values);
      },
    });
    const module = createWebhookBridge({ ...w.runtime, db: failing }, w.config);
    const app = express().use(module.router);
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const body = report();
      const response = await fetch(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/phones`,
        {
          method: "POST",
          body,
          headers: signedReport(SECRET, body),
        },
      );
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("10");
    } finally {
      server.close();
    }
  });

  it("never echoes the secret or the signature", async () => {
    const body = report();
    const headers = signedReport("wrong", body);
    const answer = await post("/webhooks/phones", body, headers);
    const text = JSON.stringify(answer.json);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(signWebhook(SECRET, headers["x-presence-timestamp"] ?? "", body).slice(3));
  });

  it("counts every report by the status it was answered with (presence_webhook_reports_total)", async () => {
    const body = report();
    await post("/webhooks/phones", body, signedReport(SECRET, body));
    await post("/webhooks/phones", body, { ...signedReport(SECRET, body), "x-presence-signature": "v1=00" });
    const metrics = await w.runtime.metrics.registry.getSingleMetricAsString(
      "presence_webhook_reports_total",
    );
    expect(metrics).toMatch(/presence_webhook_reports_total\{status="202"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/presence_webhook_reports_total\{status="401"[^}]*\} [1-9]/);
  });
});
