import type { Router } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startAdminWorld, type AdminWorld } from "../testing/admin-world.ts";
import { ZLinkOut, ZPersonStateOut, ZSettingsOut, ZSyncEventOut } from "./api-responses.ts";
import { API_ROUTES } from "./openapi.ts";

let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld();
});
afterAll(async () => {
  await w?.stop();
});

const alice = {
  slack: { teamId: "T0ACME", userId: "U0ALICE" },
  entra: { tenantId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", userId: "bbbbbbbb-bbbb-4bbb-8bbb-000000000001" },
  email: "alice@acme.test",
  displayName: "Alice",
};

describe("admin API with the bearer token", () => {
  it("connects a webhook system: the secret is answered once, then lists, rotates, disables, enables and removes", async () => {
    const created = await w.token.request("POST", "/api/webhooks", {
      body: { id: "phones", name: "Contoso phones", url: "https://phones.contoso.test/hook" },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const secret = created.json.secret as string;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(created.json.connection).toMatchObject({ id: "phones", direction: "both", status: "active" });
    const listed = await w.token.request("GET", "/api/webhooks");
    expect(listed.json.connections).toHaveLength(1);
    expect(listed.text).not.toContain(secret);
    const rotated = await w.token.request("POST", "/api/webhooks/phones/rotate-secret", { body: {} });
    expect(rotated.json.secret).not.toBe(secret);
    expect(rotated.headers.get("cache-control")).toBe("no-store");
    expect(
      (await w.token.request("POST", "/api/webhooks/phones/disable", { body: { reason: "maintenance" } }))
        .json.connection,
    ).toMatchObject({ status: "disabled", statusReason: "maintenance" });
    expect(
      (await w.token.request("POST", "/api/webhooks/phones/enable", { body: {} })).json.connection,
    ).toMatchObject({ status: "active" });
    expect(
      (await w.token.request("POST", "/api/webhooks", { body: { id: "phones", name: "x", direction: "in" } }))
        .status,
    ).toBe(409);
    expect(
      (await w.token.request("POST", "/api/webhooks", { body: { id: "crm", name: "x", direction: "out" } }))
        .status,
    ).toBe(400);
    expect((await w.token.request("DELETE", "/api/webhooks/phones")).json).toEqual({ removed: "phones" });
    expect((await w.token.request("DELETE", "/api/webhooks/phones")).status).toBe(404);
    const audit = (await w.token.request("GET", "/api/audit?kinds=admin_action&limit=5")).text;
    expect(audit).toContain("webhook_removed");
    expect(audit).not.toContain(secret);
  });

  it("links, lists, shows state and timeline, changes sharing, pauses, resumes and unlinks a person", async () => {
    const created = await w.token.request("POST", "/api/links", { body: alice });
    expect(created.status).toBe(201);
    const link = ZLinkOut.parse(created.json.link);
    expect((await w.token.request("GET", "/api/links?search=alice")).json.links).toHaveLength(1);
    const state = await w.token.request("GET", "/api/links/U0ALICE/state");
    expect(ZPersonStateOut.parse(state.json).link.id).toBe(link.id);
    const shared = await w.token.request("PATCH", `/api/links/${link.id}`, {
      body: { direction: "teamsToSlack", policy: { shareStatusText: false } },
    });
    expect(shared.json.link).toMatchObject({ direction: "teamsToSlack", policy: { shareStatusText: false } });
    const paused = await w.token.request("POST", `/api/links/${link.id}/pause`, {
      body: { forMinutes: 30, reason: "holiday" },
    });
    expect(paused.json.link).toMatchObject({ status: "paused", statusReason: "holiday" });
    expect(
      (await w.token.request("POST", `/api/links/${link.id}/resume`, { body: {} })).json.link,
    ).toMatchObject({
      status: "active",
    });
    const events = (await w.token.request("GET", `/api/links/${link.id}/events?limit=10`)).json
      .events as unknown[];
    const parsed = events.map((e) => ZSyncEventOut.parse(e));
    expect(parsed.map((e) => e.kind)).toEqual([
      "link_updated",
      "link_updated",
      "link_updated",
      "link_created",
    ]);
    expect(parsed.every((e) => e.correlationId === "api-token")).toBe(true);
    expect((await w.token.request("DELETE", `/api/links/${link.id}`)).json).toEqual({ unlinked: link.id });
    expect((await w.token.request("GET", `/api/links/${link.id}`)).status).toBe(404);
  });

  it("answers bad input with a 4xx naming the problem, and changes nothing", async () => {
    const before = await w.db.link.count();
    const cases: [string, string, unknown, number, RegExp][] = [
      [
        "POST",
        "/api/links",
        { slack: { teamId: "T0ACME", userId: "nope" }, entra: alice.entra },
        400,
        /not a Slack account/,
      ],
      ["POST", "/api/links", { email: "not-an-address" }, 400, /Invalid e-mail/],
      ["POST", "/api/links", "{not json", 400, /not valid JSON/],
      ["POST", "/api/links", JSON.stringify({ email: "x".repeat(300_000) }), 413, /too large/],
      ["GET", "/api/links?status=sleeping", undefined, 400, /status/],
      ["GET", "/api/people?filter=everyone", undefined, 400, /filter/],
      ["PATCH", "/api/settings", { flapMaxWrites: 1 }, 400, /flapMaxWrites/],
      ["PATCH", "/api/settings", { unknownSetting: true }, 400, /unknownSetting|Unrecognized/],
      ["POST", "/api/rules", { rules: { teamsToSlack: [] } }, 400, /Invalid rules/],
      ["POST", "/api/rules/rollback", { version: 0 }, 400, /version/],
      ["POST", "/api/rules/dry-runs", { rules: {}, hours: 24 }, 400, /Invalid rules/],
      ["POST", "/api/admins", { kind: "entra_user", value: "not-a-guid" }, 400, /Invalid entra user/],
      ["GET", "/api/audit/export?from=yesterday&to=today", undefined, 400, /from/],
      ["PATCH", "/api/links/nobody@acme.test", { direction: "sideways" }, 400, /direction/],
    ];
    for (const [method, path, body, status, message] of cases) {
      const res = await w.token.request(method, path, body === undefined ? {} : { body });
      expect(res.status, `${method} ${path}`).toBe(status);
      expect(res.json.error, `${method} ${path}`).toBe("invalid_input");
      expect(String(res.json.message), `${method} ${path}`).toMatch(message);
    }
    expect(await w.db.link.count()).toBe(before);
  });

  it("404 for an unknown person, 409 for an account already linked", async () => {
    expect((await w.token.request("POST", "/api/links/nobody@acme.test/pause", { body: {} })).status).toBe(
      404,
    );
    await w.token.request("POST", "/api/links", { body: alice });
    const again = await w.token.request("POST", "/api/links", { body: alice });
    expect(again.status).toBe(409);
    expect(again.json.error).toBe("conflict");
  });

  it("changes some settings and keeps the rest, recording who changed what", async () => {
    const before = ZSettingsOut.parse((await w.token.request("GET", "/api/settings")).json).settings;
    const after = ZSettingsOut.parse(
      (
        await w.token.request("PATCH", "/api/settings", {
          body: { flapMaxWrites: 40, defaultPolicy: { hideMeetingTitles: false } },
        })
      ).json,
    ).settings;
    expect(after).toMatchObject({
      flapMaxWrites: 40,
      slackStatusMarker: before.slackStatusMarker,
      defaultPolicy: { hideMeetingTitles: false, respectManualStatus: true },
    });
    const audit = (await w.token.request("GET", "/api/audit?kind=admin_action&limit=5")).json.events as {
      message: string;
      correlationId: string;
      detail: Record<string, unknown>;
    }[];
    expect(audit[0]).toMatchObject({
      correlationId: "api-token",
      detail: {
        action: "settings_changed",
        before: { flapMaxWrites: before.flapMaxWrites },
        after: { flapMaxWrites: 40 },
      },
    });
  });

  it("reports the health of every app process, the queue and each side", async () => {
    await expect
      .poll(async () => ((await w.token.request("GET", "/api/health")).json.apps as unknown[]).length)
      .toBeGreaterThan(0);
    const health = (await w.token.request("GET", "/api/health")).json;
    expect(health).toMatchObject({
      links: { active: expect.any(Number) },
      apps: [{ service: "admin-test", apps: ["admin"], up: true, checks: { database: "ok" } }],
      queue: { waiting: expect.any(Number), failedForGood: 0, lagSeconds: expect.any(Number) },
      sides: { slack: { lastHour: expect.any(Object) }, teams: { lastHour: expect.any(Object) } },
    });
  });
});

describe("the OpenAPI document", () => {
  it("documents exactly the routes the API serves", async () => {
    const { createApiRouter } = await import("./create-api-router.ts");
    const router = createApiRouter({
      db: w.db,
      ring: { currentId: "k", keys: new Map([["k", Buffer.alloc(32)]]) },
      logger: (await import("@presence/telemetry")).createLogger({ service: "t", level: "silent" }),
      settings: { demo: false } as never,
      feed: {} as never,
      bridgesUrl: w.url,
      demoPanel: { people: async () => [], change: async () => undefined },
      demoAdminLoginHint: null,
    });
    const served = routesOf(router, "").sort();
    const documented = API_ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort();
    expect(served).toEqual(documented);
  });

  it("the UI's generated client types are up to date with it", async () => {
    const { renderApiTypes } = await import("../../web/scripts/render-api-types.ts");
    const { readFileSync } = await import("node:fs");
    const committed = readFileSync(new URL("../../web/src/api/schema.d.ts", import.meta.url), "utf8");
    expect(
      committed === (await renderApiTypes()),
      "run: pnpm --filter @presence/admin-web generate-api",
    ).toBe(true);
  });

  it("is served at /api/openapi.json without sign-in", async () => {
    const res = await w.browser().request("GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe("3.1.0");
  });
});

/** METHOD /path of every route an Express router serves, with :params as {params}. */
function routesOf(router: Router, prefix: string): string[] {
  const out: string[] = [];
  for (const layer of router.stack as unknown as {
    route?: { path: string; methods: Record<string, boolean> };
    handle: { stack?: unknown };
    matchers?: unknown;
    slash?: boolean;
    path?: string;
  }[]) {
    if (layer.route) {
      const path = `${prefix}${layer.route.path}`.replace(/:(\w+)/g, "{$1}");
      for (const method of Object.keys(layer.route.methods)) out.push(`${method.toUpperCase()} ${path}`);
    } else if (layer.handle.stack) {
      out.push(...routesOf(layer.handle as unknown as Router, prefix === "" ? "/api" : prefix));
    }
  }
  return [...new Set(out)];
}
