import { ErrorCode } from "@slack/web-api";
import type { WebAPIHTTPError, WebAPIRateLimitedError, WebAPIRequestError } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { emulatorForTest, slackError, webClient } from "../test-helpers.ts";
import { seedWorkspace } from "../testing/seed.ts";

/** The error a call rejects with (fails the test if it succeeds). */
async function failure<E>(call: Promise<unknown>): Promise<E> {
  try {
    await call;
  } catch (error) {
    return error as E;
  }
  throw new Error("expected the call to fail");
}

async function seeded() {
  const emulator = await emulatorForTest();
  const world = seedWorkspace(emulator);
  const grace = world.people[1]?.id ?? "";
  return { emulator, grace, client: webClient(emulator, world.install.bot.token) };
}

describe("Web API fault injection", () => {
  it("a 503 status fault fails only its method, as an HTTP error, and stops after `times`", async () => {
    const { emulator, grace, client } = await seeded();
    const fault = emulator.control.injectFault({
      target: "web-api",
      method: "users.info",
      kind: "status",
      status: 503,
      times: 2,
    });
    expect(fault).toMatchObject({ id: 1, status: 503, error: "service_unavailable", times: 2, fired: 0 });
    for (let i = 0; i < 2; i++) {
      const error = await failure<WebAPIHTTPError>(client.users.info({ user: grace }));
      expect(error.code).toBe(ErrorCode.HTTPError);
      expect(error.statusCode).toBe(503);
      expect(error.body).toEqual({ ok: false, error: "service_unavailable" });
      expect((await client.auth.test()).ok).toBe(true); // other methods are unaffected
      if (i === 0)
        expect(emulator.control.faults()).toMatchObject([{ id: fault.id, fired: 1, remaining: 1 }]);
    }
    expect(emulator.control.faults()).toEqual([]);
    expect((await client.users.info({ user: grace })).user?.id).toBe(grace);
    expect(emulator.control.calls({ method: "users.info" }).map((c) => [c.status, c.fault])).toEqual([
      [503, fault.id],
      [503, fault.id],
      [200, null],
    ]);
    expect(emulator.control.calls({ fault: fault.id })).toMatchObject([
      { specViolations: [], appId: expect.any(String) },
      { specViolations: [], appId: expect.any(String) },
    ]);
  });

  it("a 429 fault is the SDK's rate-limited error with Retry-After", async () => {
    const { emulator, client } = await seeded();
    const fault = emulator.control.injectFault({
      target: "web-api",
      kind: "status",
      status: 429,
      retryAfterSeconds: 7,
      times: 1,
    });
    const error = await failure<WebAPIRateLimitedError>(client.auth.test());
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.retryAfter).toBe(7);
    expect(emulator.control.calls({ fault: fault.id })).toMatchObject([
      { method: "auth.test", status: 429, error: "ratelimited", retryAfter: 7 },
    ]);
    const defaulted = emulator.control.injectFault({ target: "web-api", kind: "status", status: 429 });
    expect(defaulted).toMatchObject({ retryAfterSeconds: 1, times: null, remaining: null });
    expect((await failure<WebAPIRateLimitedError>(client.auth.test())).retryAfter).toBe(1);
    // Injected 429s are not the emulator's own rate limits.
    expect(emulator.control.rateLimitedCount()).toEqual({ count: 0 });
  });

  it("a slack_error fault answers {ok:false,error} with HTTP 200 and is not a spec violation", async () => {
    const { emulator, grace, client } = await seeded();
    const fault = emulator.control.injectFault({
      target: "web-api",
      method: "users.info",
      kind: "slack_error",
      error: "fatal_error",
    });
    expect(await slackError(client.users.info({ user: grace }))).toMatchObject({
      ok: false,
      error: "fatal_error",
    });
    expect(emulator.control.calls({ fault: fault.id })).toMatchObject([
      { status: 200, error: "fatal_error", args: { user: grace }, specViolations: [] },
    ]);
    expect(emulator.control.specViolations()).toEqual([]);
  });

  it("a delay fault answers normally, at least delayMs later", async () => {
    const { emulator, client } = await seeded();
    const fault = emulator.control.injectFault({
      target: "web-api",
      method: "auth.test",
      kind: "delay",
      delayMs: 300,
      times: 1,
    });
    const started = Date.now();
    expect((await client.auth.test()).ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    const again = Date.now();
    await client.auth.test();
    expect(Date.now() - again).toBeLessThan(300);
    expect(emulator.control.calls({ method: "auth.test" }).map((c) => [c.status, c.fault])).toEqual([
      [200, fault.id],
      [200, null],
    ]);
  });

  it("a drop fault closes the connection without an answer", async () => {
    const { emulator, client } = await seeded();
    const fault = emulator.control.injectFault({
      target: "web-api",
      method: "auth.test",
      kind: "drop",
      times: 1,
    });
    const error = await failure<WebAPIRequestError>(client.auth.test());
    expect(error.code).toBe(ErrorCode.RequestError);
    expect(error.original.message).toBe("fetch failed");
    expect((error.original.cause as { code?: string } | undefined)?.code).toBe("UND_ERR_SOCKET");
    expect((await client.auth.test()).ok).toBe(true);
    expect(emulator.control.calls({ fault: fault.id })).toMatchObject([
      { method: "auth.test", status: 0, error: null },
    ]);
  });

  it("probability 0 never fires; removeFault and clearFaults end faults", async () => {
    const { emulator, client } = await seeded();
    const never = emulator.control.injectFault({
      target: "web-api",
      kind: "slack_error",
      probability: 0,
    });
    const other = emulator.control.injectFault({ target: "web-api", method: "users.list", kind: "drop" });
    expect((await client.auth.test()).ok).toBe(true);
    expect(emulator.control.faults()).toMatchObject([
      { id: never.id, fired: 0 },
      { id: other.id, fired: 0 },
    ]);
    expect(emulator.control.removeFault({ id: never.id })).toMatchObject({ id: never.id });
    expect(() => emulator.control.removeFault({ id: never.id })).toThrow(`unknown fault ${never.id}`);
    expect(emulator.control.clearFaults()).toEqual({ cleared: 1, released: 0 });
    expect(emulator.control.faults()).toEqual([]);
  });
});

describe("fault control over HTTP (/_emulator)", () => {
  async function post(url: string, operation: string, input?: unknown) {
    const response = await fetch(`${url}/_emulator/${operation}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: input === undefined ? "" : JSON.stringify(input),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  it("injects, lists, removes and clears faults, refusing inputs that do not fit the kind", async () => {
    const { emulator, client } = await seeded();
    const injected = await post(emulator.url, "injectFault", {
      target: "web-api",
      method: "auth.test",
      kind: "slack_error",
      error: "internal_error",
      times: 1,
    });
    expect(injected).toMatchObject({ status: 200, body: { id: 1, target: "web-api", method: "auth.test" } });
    expect((await post(emulator.url, "faults")).body).toMatchObject([{ id: 1, fired: 0 }]);
    expect(await slackError(client.auth.test())).toMatchObject({ ok: false, error: "internal_error" });
    await post(emulator.url, "injectFault", { target: "events", kind: "duplicate" });
    expect((await post(emulator.url, "removeFault", { id: 2 })).status).toBe(200);
    expect((await post(emulator.url, "removeFault", { id: 2 })).status).toBe(404);
    expect((await post(emulator.url, "clearFaults")).body).toEqual({ cleared: 0, released: 0 });
    for (const bad of [
      { target: "web-api", kind: "delay" },
      { target: "web-api", kind: "slack_error", status: 500 },
      { target: "web-api", kind: "status", status: 200 },
      { target: "events", kind: "status" },
      { target: "events", kind: "drop", probability: 2 },
      { target: "everything", kind: "drop" },
    ])
      expect((await post(emulator.url, "injectFault", bad)).status, JSON.stringify(bad)).toBe(400);
  });
});
