import { listSyncEvents, type Link } from "@presence/db";
import { afterEach, describe, expect, it } from "vitest";

import { eventually, startHarness, type Harness } from "../testing/bridge-harness.ts";

let harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses) await h.stop();
  harnesses = [];
});

async function start(socketMode: boolean): Promise<{ h: Harness; link: Link }> {
  const h = await startHarness({ socketMode });
  harnesses.push(h);
  await h.install();
  return { h, link: await h.linkedPerson(1) };
}

/** Changes grace makes in Slack, one at a time; after each, what the bridge took in and knows. */
async function scenario({ h, link }: { h: Harness; link: Link }) {
  const grace = h.person(1).id;
  const { control } = h.slack;
  const steps: (() => unknown)[] = [
    () => control.setStatus({ userId: grace, text: "Lunch", emoji: ":sandwich:", expiration: 0 }),
    () => control.joinHuddle({ userId: grace }),
    () => control.snoozeDnd({ userId: grace, minutes: 30 }),
    () => control.leaveHuddle({ userId: grace }),
    () => control.clearStatus({ userId: grace }),
  ];
  const seen: { sources: string[]; view: unknown }[] = [];
  let known = (await listSyncEvents(h.t.db, { linkId: link.id, limit: 500 })).length;
  for (const step of steps) {
    step();
    await h.idle();
    const events = (await listSyncEvents(h.t.db, { linkId: link.id, limit: 500 })).reverse();
    const sources = events
      .slice(known)
      .map((e) => (e.detail as { source?: string }).source ?? "")
      .filter((s) => s.startsWith("slack:"))
      .sort();
    known = events.length;
    const side = await h.t.db.linkSide.findUniqueOrThrow({
      where: { linkId_side: { linkId: link.id, side: "slack" } },
    });
    const view = side.view as { dnd?: { snoozed: boolean; until: number | null } };
    // The snooze end differs between two runs by the seconds between them.
    seen.push({ sources, view: { ...view, dnd: view.dnd ? { snoozed: view.dnd.snoozed } : undefined } });
  }
  return seen;
}

describe("Socket Mode", () => {
  it("delivers the same events as HTTP, and they are taken in the same way", async () => {
    const [http, socket] = await Promise.all([start(false), start(true)]);
    expect(socket.h.slack.control.socketConnections({ appId: socket.h.app.id })).toEqual({ count: 1 });
    const ready = await fetch(`${socket.h.url}/readyz`);
    expect(await ready.json()).toMatchObject({
      status: "ready",
      checks: expect.arrayContaining([{ name: "slack-socket-mode", ok: true }]),
    });

    const [viaHttp, viaSocket] = await Promise.all([scenario(http), scenario(socket)]);
    expect(viaSocket).toEqual(viaHttp);
    expect(viaHttp.map((s) => s.sources)).toEqual([
      ["slack:user_change"],
      ["slack:user_change"],
      ["slack:dnd_updated"],
      ["slack:user_change"],
      ["slack:user_change"],
    ]);
    expect(
      socket.h.slack.control.deliveries({ appId: socket.h.app.id }).every((d) => d.transport === "socket"),
    ).toBe(true);
  });

  it("acknowledges an envelope only after storing it: a failed store leaves it unacked and Slack sends it again", async () => {
    const { h, link } = await start(true);
    const grace = h.person(1).id;
    await h.t.db.$executeRawUnsafe(`ALTER TABLE "InboundEvent" RENAME TO "InboundEventAway"`);
    try {
      h.slack.control.setStatus({ userId: grace, text: "Offsite", emoji: ":car:", expiration: 0 });
      await eventually(() => {
        const [delivery] = h.deliveriesAbout("Offsite", "user_change");
        expect(delivery?.attempts[0]?.outcome).toBe("timeout");
      }, 15_000);
    } finally {
      await h.t.db.$executeRawUnsafe(`ALTER TABLE "InboundEventAway" RENAME TO "InboundEvent"`);
    }
    await eventually(() => {
      const [delivery] = h.deliveriesAbout("Offsite", "user_change");
      expect(delivery?.state).toBe("delivered");
    }, 15_000);
    await h.idle();
    const side = await h.t.db.linkSide.findUniqueOrThrow({
      where: { linkId_side: { linkId: link.id, side: "slack" } },
    });
    expect(side.view).toMatchObject({ status: { text: "Offsite" } });
  });
});
