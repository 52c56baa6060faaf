import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readTenant } from "../jobs/teams-tasks.ts";
import { startWorld, type World } from "../testing/teams-world.ts";

// Nothing runs in the background: the test runs the read job's work itself, poll by poll.
let world: World;

beforeAll(async () => {
  world = await startWorld({ people: 2000, run: "none", env: { GRAPH_READ_MODE: "poll" } });
});
afterAll(async () => {
  await world?.close();
});

const observeJobs = async () =>
  Number(
    (
      await world.t.db.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'observe'`
    )[0]?.n ?? 0,
  );

async function poll(): Promise<{ graph: number; presenceReads: number; entra: string[] }> {
  world.emulator.control.clearRequests();
  const { reader } = world.bridge;
  await readTenant({ ...world.bridge.context, reader }, { tenantId: world.tenantId });
  const requests = world.emulator.control.requests();
  return {
    graph: requests.filter((r) => r.surface === "graph").length,
    presenceReads: requests.filter((r) => r.path.endsWith("/communications/getPresencesByUserId")).length,
    entra: requests
      .filter((r) => r.surface === "entra")
      .map((r) => `${r.method} ${r.path.split("/").slice(2).join("/")}`),
  };
}

describe("poll mode at scale", () => {
  it("polls 2,000 people with 4 requests (650 ids each) and takes in only what changed", async () => {
    const first = await poll();
    expect(first).toMatchObject({ graph: 4, presenceReads: 4 });
    // The app token once (msal reads the tenant's OpenID configuration first), then from msal's cache.
    expect(first.entra.sort()).toEqual([
      "GET v2.0/.well-known/openid-configuration",
      "POST oauth2/v2.0/token",
    ]);
    expect(await observeJobs()).toBe(2000);

    const second = await poll();
    expect(second).toEqual({ graph: 4, presenceReads: 4, entra: [] });
    expect(await observeJobs()).toBe(2000); // nothing changed: nothing new

    const someone = world.people[1234];
    if (!someone) throw new Error("fixture");
    world.emulator.control.setPreferredPresence(someone.id, {
      availability: "BeRightBack",
      activity: "BeRightBack",
    });
    world.emulator.control.openTeamsSession(someone.id, { availability: "Available", activity: "Available" });
    const third = await poll();
    expect(third).toEqual({ graph: 4, presenceReads: 4, entra: [] });
    expect(await observeJobs()).toBe(2001);
    const [job] = await world.t.db.$queryRaw<
      { payload: { subject: { userId: string }; facets: unknown; source: string } }[]
    >`
      SELECT j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = 'observe' ORDER BY j.id DESC LIMIT 1`;
    expect(job?.payload).toMatchObject({
      subject: { userId: someone.id.toLowerCase() },
      facets: { presence: { availability: "BeRightBack", activity: "BeRightBack" } },
      source: "graph:poll",
    });
  });
});
