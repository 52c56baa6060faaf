import { listSyncEvents } from "@presence/db";
import { eventually } from "@presence/graph-emulator/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startWorld, type World } from "../testing/teams-world.ts";

let world: World;

beforeAll(async () => {
  world = await startWorld({ people: 1, env: { GRAPH_READ_MODE: "poll", GRAPH_POLL_INTERVAL_SECONDS: "1" } });
});
afterAll(async () => {
  await world?.close();
});

const requests = (suffix: string) =>
  world.emulator.control
    .requests({ surface: "graph", method: "POST" })
    .filter((r) => r.path.endsWith(suffix));

describe("Graph throttling (429 + Retry-After)", () => {
  it("retries a write once Retry-After has passed, and loses nothing", async () => {
    const [link] = world.links;
    if (!link) throw new Error("fixture");
    await world.teamsBaseline();
    world.emulator.control.injectFault({ target: "presence-write", status: 429, retryAfterS: 2 });
    await world.slackObservation(link, { huddle: { inHuddle: true } });
    await eventually(() => expect(requests("/setPresence").map((r) => r.status)).toEqual([429, 200]), 15_000);
    const [throttled, retried] = requests("/setPresence");
    const waited = Date.parse(retried?.at ?? "") - Date.parse(throttled?.at ?? "");
    expect(waited).toBeGreaterThanOrEqual(1900);
    expect(world.emulator.control.presence(link.entraUserId)).toMatchObject({
      availability: "Busy",
      activity: "InACall",
    });
    const kinds = (await listSyncEvents(world.t.db, { linkId: link.id })).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["rate_limited", "written"]));
    expect(kinds).not.toContain("failed");
  });

  it("holds the next poll until Retry-After has passed", async () => {
    world.emulator.control.clearRequests();
    world.emulator.control.injectFault({ target: "presence-read", status: 429, retryAfterS: 3 });
    // A read already under way when the fault was set may still answer 200: look from the 429 on.
    const fromThrottle = () => {
      const reads = requests("/getPresencesByUserId");
      return reads.slice(reads.findIndex((r) => r.status === 429));
    };
    await eventually(() => {
      const statuses = fromThrottle().map((r) => r.status);
      expect(statuses[0]).toBe(429);
      expect(statuses.slice(1)).toContain(200);
    }, 15_000);
    const [throttled, next] = fromThrottle();
    const gap = Date.parse(next?.at ?? "") - Date.parse(throttled?.at ?? "");
    expect(gap).toBeGreaterThanOrEqual(2900);
  });
});
