import type { AddressInfo } from "node:net";
import type { Server } from "node:http";

import { defaultRuleSet } from "@presence/core";
import { generateEncryptionKey, parseKeyRing } from "@presence/db";
import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import type { Runtime } from "@presence/runtime";
import { createLogger, createMetrics } from "@presence/telemetry";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createApiRouter } from "./create-api-router.ts";
import { openApiDocument } from "./openapi.ts";

const TENANT = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const ALICE = "bbbbbbbb-bbbb-4bbb-8bbb-000000000001";
const TOKEN = "an-admin-token-of-at-least-24-chars";
let t: TestDatabase;
const servers: Server[] = [];

async function serve(token: string | undefined, demo = false): Promise<string> {
  const runtime = {
    db: t.db,
    logger: createLogger({ service: "admin-test", level: "silent" }),
    metrics: createMetrics("admin-test"),
    keyRing: parseKeyRing(generateEncryptionKey()),
  } as unknown as Runtime;
  const app = express();
  app.set("json replacer", (_k: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  app.use(createApiRouter(runtime, { token, allowLocalWithoutToken: demo }));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
}

let api: string;
beforeAll(async () => {
  t = await createTestDatabase();
  api = await serve(TOKEN);
});
afterAll(async () => {
  for (const s of servers) await new Promise((resolve) => s.close(resolve));
  await t.drop();
});

async function call(method: string, path: string, body?: unknown, token: string | null = TOKEN) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const alice = {
  slack: { teamId: "T0ACME", userId: "U0ALICE" },
  entra: { tenantId: TENANT, userId: ALICE },
  email: "alice@acme.test",
  displayName: "Alice",
};

describe("admin API", () => {
  it("requires the bearer token when one is configured", async () => {
    expect((await call("GET", "/links", undefined, null)).status).toBe(401);
    expect((await call("GET", "/links", undefined, "wrong-token-wrong-token-wrong")).status).toBe(401);
    expect((await call("GET", "/links")).status).toBe(200);
    expect((await call("GET", "/openapi.json", undefined, null)).status).toBe(200);
  });

  it("without a token, serves only local callers of the zero-config demo, never through a proxy", async () => {
    const demo = await serve(undefined, true);
    expect((await fetch(`${demo}/links`)).status).toBe(200);
    expect((await fetch(`${demo}/links`, { headers: { "x-forwarded-for": "203.0.113.9" } })).status).toBe(
      401,
    );
    expect((await fetch(`${demo}/links`, { headers: { forwarded: "for=203.0.113.9" } })).status).toBe(401);
    const deployed = await serve(undefined, false);
    const refused = await fetch(`${deployed}/links`);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { message: string }).message).toMatch(/Set ADMIN_API_TOKEN/);
  });

  it("links, lists, shows state and timeline, pauses, resumes and unlinks a person", async () => {
    const created = await call("POST", "/links", alice);
    expect(created.status).toBe(201);
    const link = created.json.link as { id: string };
    expect((await call("GET", "/links?search=alice")).json.links).toHaveLength(1);
    expect((await call("GET", `/links/${encodeURIComponent("alice@acme.test")}`)).json.link).toMatchObject({
      id: link.id,
    });
    const state = await call("GET", `/links/U0ALICE/state`);
    expect(state.json).toMatchObject({
      link: { id: link.id },
      slack: { own: { side: "slack" } },
      teams: { own: { side: "teams" } },
    });
    const paused = await call("POST", `/links/${link.id}/pause`, { forMinutes: 30, reason: "holiday" });
    expect(paused.json.link).toMatchObject({ status: "paused", statusReason: "holiday" });
    expect((await call("POST", `/links/${link.id}/resume`)).json.link).toMatchObject({ status: "active" });
    const events = (await call("GET", `/links/${link.id}/events?limit=10`)).json.events as {
      id: string;
      kind: string;
    }[];
    expect(events.map((e) => e.kind)).toEqual(["link_updated", "link_updated", "link_created"]);
    expect(typeof events[0]?.id).toBe("string");
    expect((await call("GET", `/links/${link.id}/events?kind=link_created`)).json.events).toHaveLength(1);
    expect((await call("DELETE", `/links/${link.id}`)).json).toEqual({ unlinked: link.id });
    expect((await call("GET", `/links/${link.id}`)).status).toBe(404);
  });

  it("answers bad input with 400 naming the problem, and changes nothing", async () => {
    const before = await t.db.link.count();
    const cases: [string, string, unknown, RegExp][] = [
      [
        "POST",
        "/links",
        { slack: { teamId: "T0ACME", userId: "nope" }, entra: alice.entra },
        /not a Slack account/,
      ],
      ["POST", "/links", { email: "not-an-address" }, /Invalid e-mail/],
      ["POST", "/links", "{not json", /not valid JSON/],
      ["GET", "/links?status=sleeping", undefined, /status/],
      ["PATCH", "/settings", { flapMaxWrites: 1 }, /flapMaxWrites/],
      ["PATCH", "/settings", { unknownSetting: true }, /unknownSetting|Unrecognized/],
      ["POST", "/rules", { rules: { teamsToSlack: [] } }, /Invalid rules/],
    ];
    for (const [method, path, body, message] of cases) {
      const res = await call(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.json.error).toBe("invalid_input");
      expect(String(res.json.message)).toMatch(message);
    }
    expect(await t.db.link.count()).toBe(before);
  });

  it("404 for an unknown person, 409 for an account already linked", async () => {
    expect((await call("POST", "/links/nobody@acme.test/pause", {})).status).toBe(404);
    await call("POST", "/links", alice);
    const again = await call("POST", "/links", alice);
    expect(again.status).toBe(409);
    expect(again.json.error).toBe("conflict");
  });

  it("changes some settings and keeps the rest; stores new rule versions", async () => {
    const before = (await call("GET", "/settings")).json.settings as Record<string, unknown>;
    const after = (
      await call("PATCH", "/settings", { flapMaxWrites: 40, defaultPolicy: { hideMeetingTitles: false } })
    ).json.settings as Record<string, unknown>;
    expect(after).toMatchObject({
      flapMaxWrites: 40,
      slackStatusMarker: before.slackStatusMarker,
      defaultPolicy: { hideMeetingTitles: false, respectManualStatus: true },
    });
    const rules = defaultRuleSet();
    const created = await call("POST", "/rules", { rules, comment: "same as default" });
    expect(created.status).toBe(201);
    expect((await call("GET", "/rules")).json).toMatchObject({
      version: created.json.version,
      comment: "same as default",
    });
    expect(((await call("GET", "/rules/versions")).json.versions as unknown[]).length).toBeGreaterThanOrEqual(
      2,
    );
  });

  it("reports health and the organisation-wide audit", async () => {
    const health = (await call("GET", "/health")).json;
    expect(health).toMatchObject({
      links: { active: expect.any(Number) },
      queue: { waiting: expect.any(Number), failedForGood: expect.any(Number) },
    });
    const audit = (await call("GET", "/audit?limit=5")).json.events as unknown[];
    expect(audit.length).toBeGreaterThan(0);
  });

  it("documents every route it serves in its OpenAPI document", () => {
    const doc = openApiDocument();
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const served = [
      "GET /api/links",
      "POST /api/links",
      "GET /api/links/{person}",
      "DELETE /api/links/{person}",
      "GET /api/links/{person}/state",
      "GET /api/links/{person}/events",
      "POST /api/links/{person}/pause",
      "POST /api/links/{person}/resume",
      "GET /api/settings",
      "PATCH /api/settings",
      "GET /api/rules",
      "POST /api/rules",
      "GET /api/rules/versions",
      "GET /api/health",
      "GET /api/audit",
      "GET /api/openapi.json",
    ];
    expect(documented.sort()).toEqual(served.sort());
    expect(JSON.stringify(doc)).toContain('"openapi":"3.1.0"');
  });
});
