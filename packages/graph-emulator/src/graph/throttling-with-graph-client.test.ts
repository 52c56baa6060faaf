import { GraphError, type Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep } from "../testing/eventually.ts";
import { startFixture, type Fixture } from "../testing/fixture.ts";
import { appTokenProvider, graphClientFor, msalFor } from "../testing/sdk-clients.ts";

let fx: Fixture;
let graph: Client;
let getToken: () => Promise<string>;

beforeAll(async () => {
  fx = await startFixture({ throttle: { limit: 5, windowMs: 2000 } });
  const { cca } = msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, { clientSecret: fx.app.clientSecret });
  getToken = appTokenProvider(fx.emulator, cca);
  graph = graphClientFor(fx.emulator, getToken);
});
afterAll(() => fx.emulator.close());

const presenceOf = (client: Client, i = 0) => client.api(`/users/${fx.users[i]?.id ?? ""}/presence`).get();

async function failure(promise: Promise<unknown>): Promise<GraphError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GraphError)) throw new Error(`expected a GraphError, got ${String(error)}`);
  return error;
}

describe("presence throttling per app per tenant", () => {
  it("answers 429 + Retry-After past the (scaled-down) limit, with Graph's error body, and recovers with the window", async () => {
    await sleep(2000); // start on a fresh window
    for (let i = 0; i < 5; i += 1) await presenceOf(graph);
    const error = await failure(presenceOf(graph));
    expect(error.statusCode).toBe(429);
    expect(error.code).toBe("TooManyRequests");
    const retryAfter = Number(error.headers?.get("Retry-After"));
    expect(retryAfter >= 1 && retryAfter <= 2).toBe(true);
    expect(error.headers?.get("content-type")).toMatch(/^application\/json/);
    expect(error.requestId).toBeTruthy();
    // Writes count against the same budget; users do not.
    await expect(
      graph
        .api(`/users/${fx.users[0]?.id ?? ""}/presence/setPresence`)
        .post({ sessionId: fx.app.clientId, availability: "Away", activity: "Away" }),
    ).rejects.toMatchObject({ statusCode: 429 });
    await graph.api("/users").get();

    await sleep(retryAfter * 1000);
    await presenceOf(graph);
  });

  it("another app in the tenant has its own budget", async () => {
    await sleep(2000);
    for (let i = 0; i < 5; i += 1) await presenceOf(graph);
    const other = fx.emulator.control.createApp({
      tenantId: fx.tenant.id,
      clientSecret: "other",
      applicationPermissions: ["Presence.Read.All"],
    });
    const { cca } = msalFor(fx.emulator, fx.tenant.id, other.clientId, { clientSecret: "other" });
    await presenceOf(graphClientFor(fx.emulator, appTokenProvider(fx.emulator, cca)));
    await expect(presenceOf(graph)).rejects.toMatchObject({ statusCode: 429 });
  });

  it("the SDK's default RetryHandler waits Retry-After and then succeeds", async () => {
    await sleep(2000);
    const withRetries = graphClientFor(fx.emulator, getToken, { retries: true });
    for (let i = 0; i < 5; i += 1) await presenceOf(withRetries);
    const started = Date.now();
    await presenceOf(withRetries);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const statuses = fx.emulator.control
      .requests({ surface: "graph" })
      .slice(-2)
      .map((r) => r.status);
    expect(statuses).toEqual([429, 200]);
  });
});

describe("injected Graph faults", () => {
  it("fails the next N requests of a kind with 5xx or 429, then recovers", async () => {
    await sleep(2000);
    fx.emulator.control.injectFault({ target: "presence-read", status: 503, count: 2 });
    const first = await failure(presenceOf(graph, 1));
    expect([first.statusCode, first.code, first.headers?.get("Retry-After")]).toEqual([
      503,
      "serviceNotAvailable",
      "1",
    ]);
    await expect(graph.api("/users").get()).resolves.toBeTruthy();
    await expect(presenceOf(graph, 1)).rejects.toMatchObject({ statusCode: 503 });
    await expect(presenceOf(graph, 1)).resolves.toBeTruthy();

    fx.emulator.control.injectFault({ target: "graph", status: 500, code: "generalException" });
    await expect(graph.api("/users").get()).rejects.toMatchObject({
      statusCode: 500,
      code: "generalException",
    });
    fx.emulator.control.injectFault({ target: "users", status: 429, retryAfterS: 7 });
    const throttled = await failure(graph.api("/users").get());
    expect([throttled.statusCode, throttled.headers?.get("Retry-After")]).toEqual([429, "7"]);
    expect(fx.emulator.control.requests({ surface: "graph" }).at(-1)?.fault).toBe(true);
  });
});
