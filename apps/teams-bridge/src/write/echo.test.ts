import { listSyncEvents } from "@presence/db";
import { eventually } from "@presence/graph-emulator/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { addServiceAccounts } from "../testing/browser-sign-in.ts";
import { startWorld, type World } from "../testing/teams-world.ts";

const modes = [
  {
    mode: "poll",
    source: "graph:poll",
    env: { GRAPH_READ_MODE: "poll", GRAPH_POLL_INTERVAL_SECONDS: "1" },
  },
  {
    mode: "notify",
    source: "graph:notification",
    // Reads other than notifications are rare, so the echo comes back through a notification.
    env: {
      GRAPH_READ_MODE: "notify",
      GRAPH_POLL_INTERVAL_SECONDS: "60",
      GRAPH_RECONCILE_INTERVAL_SECONDS: "30",
    },
  },
] as const;

describe.each(modes)("the bridge's own setPresence, seen again in $mode mode", ({ mode, source, env }) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ people: 1, env });
    if (mode === "notify") {
      await addServiceAccounts(world, 1);
      await eventually(async () => expect(await world.t.db.graphSubscription.count()).toBe(1), 10_000);
    }
  });
  afterAll(async () => {
    await world?.close();
  });

  it("is absorbed as an echo: nothing is mirrored back to Slack", async () => {
    const [person] = world.people;
    const [link] = world.links;
    if (!person || !link) throw new Error("fixture");
    world.emulator.control.openTeamsSession(person.id, { availability: "Available", activity: "Available" });
    await eventually(async () => {
      const side = await world.t.db.linkSide.findFirstOrThrow({ where: { linkId: link.id, side: "teams" } });
      expect(side.view).toMatchObject({ presence: { availability: "Available", activity: "Available" } });
    }, 10_000);
    await world.slackObservation(link);
    await world.idle();
    world.slackWrites.length = 0;
    const since = new Date();

    // The person starts a huddle in Slack: the bridge shows them in a call in Teams.
    await world.slackObservation(link, { huddle: { inHuddle: true } });

    // Graph now shows the bridge's session (it outranks the person's Available) …
    await eventually(() => {
      expect(world.emulator.control.sessions(person.id).find((s) => s.kind === "app")).toMatchObject({
        availability: "Busy",
        activity: "InACall",
      });
    }, 10_000);
    // … and the bridge reads it back, through a poll or a notification.
    await eventually(async () => {
      const events = (await listSyncEvents(world.t.db, { linkId: link.id })).filter((e) => e.at >= since);
      const echo = events.find((e) => e.kind === "echo_dropped" && e.side === "teams");
      expect(echo?.detail).toMatchObject({ source });
    }, 10_000);
    await world.idle();

    expect(world.slackWrites).toEqual([]);
    const teamsSide = await world.t.db.linkSide.findFirstOrThrow({
      where: { linkId: link.id, side: "teams" },
    });
    expect(teamsSide.view).toMatchObject({ presence: { availability: "Busy", activity: "InACall" } });
    const events = (await listSyncEvents(world.t.db, { linkId: link.id })).filter((e) => e.at >= since);
    expect(events.filter((e) => e.kind === "mirrored" && e.side === "slack")).toEqual([]);
    expect(events.map((e) => e.kind)).toContain("written");
  });
});
