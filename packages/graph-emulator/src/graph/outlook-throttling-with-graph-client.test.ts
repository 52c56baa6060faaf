import { GraphError } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appClient } from "../testing/app-client.ts";
import { sleep } from "../testing/eventually.ts";
import { startFixture, type Fixture } from "../testing/fixture.ts";

let fx: Fixture;
const user = (i: number): string => fx.users[i]?.id ?? "";
const WINDOW = { startDateTime: "2030-01-01T00:00:00Z", endDateTime: "2030-01-02T00:00:00Z" };

beforeAll(async () => {
  // Scaled-down Outlook limits: 5 requests per 2 s per app per mailbox, 2 in flight, each held 300 ms.
  fx = await startFixture({
    outlookThrottle: { limit: 5, windowMs: 2000, concurrent: 2 },
    outlookLatencyMs: 300,
  });
});
afterAll(() => fx.emulator.close());

async function failure(promise: Promise<unknown>): Promise<GraphError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GraphError)) throw new Error(`expected a GraphError, got ${String(error)}`);
  return error;
}

describe("Outlook service limits per app per mailbox", () => {
  it("answers 429 + Retry-After with Graph's error body past the request budget; other mailboxes and apps are unaffected", async () => {
    const { graph } = appClient(fx.emulator, fx.tenant.id, ["Calendars.Read", "MailboxSettings.Read"]);
    const view = (i: number) =>
      graph
        .api(`/users/${user(i)}/calendarView`)
        .query(WINDOW)
        .get();
    await sleep(2000);
    for (let i = 0; i < 4; i += 1) await view(0);
    await graph.api(`/users/${user(0)}/mailboxSettings`).get(); // mailbox settings count against the same budget
    const error = await failure(view(0));
    expect([error.statusCode, error.code]).toEqual([429, "TooManyRequests"]);
    const retryAfter = Number(error.headers?.get("Retry-After"));
    expect(retryAfter >= 1 && retryAfter <= 2).toBe(true);
    expect(error.headers?.get("content-type")).toMatch(/^application\/json/);
    await view(1);
    const other = appClient(fx.emulator, fx.tenant.id, ["Calendars.Read"]).graph;
    await other
      .api(`/users/${user(0)}/calendarView`)
      .query(WINDOW)
      .get();
    await sleep(retryAfter * 1000);
    await view(0);
  });

  it("answers 429 ApplicationThrottled to requests beyond the concurrent limit", async () => {
    const { graph } = appClient(fx.emulator, fx.tenant.id, ["Calendars.Read"]);
    const results = await Promise.allSettled(
      [0, 1, 2].map(() =>
        graph
          .api(`/users/${user(2)}/calendarView`)
          .query(WINDOW)
          .get(),
      ),
    );
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toMatchObject({ statusCode: 429, code: "ApplicationThrottled" });
  });
});
