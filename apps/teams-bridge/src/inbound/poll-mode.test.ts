import { listSyncEvents } from "@presence/db";
import { eventually } from "@presence/graph-emulator/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startWorld, type World } from "../testing/teams-world.ts";

let world: World;

beforeAll(async () => {
  world = await startWorld({ people: 3, env: { GRAPH_READ_MODE: "poll", GRAPH_POLL_INTERVAL_SECONDS: "1" } });
});
afterAll(async () => {
  await world?.close();
});

const teamsSide = (linkId: string) =>
  world.t.db.linkSide.findUniqueOrThrow({ where: { linkId_side: { linkId, side: "teams" } } });

describe("poll mode", () => {
  it("takes everyone's presence in, then detects a change and it reaches the pipeline as a decision", async () => {
    const [ada] = world.people;
    const [link] = world.links;
    if (!ada || !link) throw new Error("fixture");
    // First polls: everyone's current presence (Offline: no Teams client open) becomes the Teams view.
    await world.teamsBaseline();
    await world.slackObservation(link);
    await world.idle();

    world.emulator.control.openTeamsSession(ada.id, { availability: "Busy", activity: "InAMeeting" });

    await eventually(async () => {
      const side = await teamsSide(link.id);
      expect(side.view).toMatchObject({ presence: { availability: "Busy", activity: "InAMeeting" } });
      const mirrored = (await listSyncEvents(world.t.db, { linkId: link.id })).filter(
        (e) => e.kind === "mirrored",
      );
      expect(mirrored.map((e) => (e.detail as { source?: string }).source)).toContain("graph:poll");
      expect(world.slackWrites).toContainEqual(
        expect.objectContaining({
          facet: "status",
          action: "set",
          value: expect.objectContaining({ text: "In a meeting (via Teams)" }),
        }),
      );
    }, 10_000);
    // The version of the observation is Graph's sequenceNumber.
    const presence = world.emulator.control.presence(ada.id);
    expect((await teamsSide(link.id)).versions).toMatchObject({ presence: presence.sequenceNumber });
  });
});
