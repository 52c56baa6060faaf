import { BridgeError } from "@presence/core";
import { eventually } from "@presence/graph-emulator/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startWorld, type World } from "../testing/teams-world.ts";

const MIN = 60_000;
let world: World;

beforeAll(async () => {
  world = await startWorld({ people: 3, env: { OUTLOOK_LOOKAHEAD_HOURS: "24" } });
});
afterAll(async () => {
  await world?.close();
});

const outlookSide = (linkId: string) =>
  world.t.db.linkSide.findUnique({ where: { linkId_side: { linkId, side: "outlook" } } });

function person(i: number) {
  const user = world.people[i];
  const link = world.links[i];
  if (!user || !link) throw new Error("fixture");
  return { user, link };
}

describe("the Outlook spoke's reader (Graph emulator, official SDK, Postgres)", () => {
  it("reads free/busy and automatic replies into the pipeline, never a title; an unchanged calendar makes no job", async () => {
    const ada = person(0);
    const bob = person(1);
    const now = Date.now();
    const start = new Date(now + 30 * MIN).toISOString();
    const end = new Date(now + 75 * MIN).toISOString();
    world.emulator.control.addCalendarEvent(ada.user.id, {
      start,
      end,
      showAs: "busy",
      subject: "Acquisition of Fabrikam (secret)",
    });
    world.emulator.control.addCalendarEvent(ada.user.id, {
      start: new Date(now + 2 * 60 * MIN).toISOString(),
      end: new Date(now + 3 * 60 * MIN).toISOString(),
      showAs: "free",
      subject: "Lunch",
    });
    const oofEnd = new Date(Math.ceil((now + 3 * 24 * 60 * MIN) / 1000) * 1000);
    world.emulator.control.setAutomaticReplies(bob.user.id, {
      status: "scheduled",
      scheduledStartDateTime: new Date(now - 60 * MIN).toISOString(),
      scheduledEndDateTime: oofEnd.toISOString(),
      internalReplyMessage: "Skiing until Monday",
    });
    world.emulator.control.clearRequests();

    const ids = [ada.user.id, bob.user.id];
    const first = await world.bridge.schedules.read(world.tenantId, ids);
    expect(first).toEqual({ read: 2, requests: 4, changed: 2, noMailbox: 0, refused: 0 });

    const calls = world.emulator.control.requests({ surface: "graph" });
    const views = calls.filter((c) => c.path.endsWith("/calendarView"));
    expect(views).toHaveLength(2);
    for (const call of views) {
      const query = new URLSearchParams(call.query);
      expect(query.get("$select")).toBe("showAs,start,end,isAllDay,isCancelled");
    }

    await eventually(async () => {
      const side = await outlookSide(ada.link.id);
      expect(side?.view).toMatchObject({
        calendar: { blocks: [{ showAs: "busy", start: Date.parse(start), end: Date.parse(end) }] },
        automaticReplies: { enabled: false },
      });
    }, 10_000);
    await eventually(async () => {
      const side = await outlookSide(bob.link.id);
      expect(side?.view).toMatchObject({ automaticReplies: { enabled: true, end: oofEnd.getTime() } });
    }, 10_000);
    const stored = JSON.stringify(await world.t.db.linkSide.findMany({ where: { side: "outlook" } }));
    expect(stored).not.toContain("Fabrikam");
    expect(stored).not.toContain("Lunch");
    expect(stored).not.toContain("Skiing");

    // Read again: same calendars, nothing for the pipeline.
    const second = await world.bridge.schedules.read(world.tenantId, ids);
    expect(second).toMatchObject({ read: 2, changed: 0 });
    // A change is taken in at the next read.
    world.emulator.control.addCalendarEvent(ada.user.id, {
      start: new Date(now + 4 * 60 * MIN).toISOString(),
      end: new Date(now + 5 * 60 * MIN).toISOString(),
      showAs: "tentative",
    });
    expect(await world.bridge.schedules.read(world.tenantId, ids)).toMatchObject({ changed: 1 });
  });

  it("Outlook's throttling ends the run with rate_limited and Retry-After", async () => {
    const throttled = await startWorld({
      people: 1,
      emulator: { outlookThrottle: { limit: 1, windowMs: 60_000 } },
    });
    try {
      const [user] = throttled.people;
      if (!user) throw new Error("fixture");
      const error = await throttled.bridge.schedules
        .read(throttled.tenantId, [user.id])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BridgeError);
      expect((error as BridgeError).code).toBe("rate_limited");
      expect((error as BridgeError).retryAfterMs).toBeGreaterThan(0);
    } finally {
      await throttled.close();
    }
  });

  it("without the Outlook permissions the read is refused as missing_permission (the chain then waits an hour)", async () => {
    const bare = await startWorld({
      people: 1,
      applicationPermissions: ["Presence.ReadWrite.All", "User.Read.All"],
    });
    try {
      const [user] = bare.people;
      if (!user) throw new Error("fixture");
      const error = await bare.bridge.schedules.read(bare.tenantId, [user.id]).catch((e: unknown) => e);
      expect((error as BridgeError).code).toBe("missing_permission");
    } finally {
      await bare.close();
    }
  });
});
