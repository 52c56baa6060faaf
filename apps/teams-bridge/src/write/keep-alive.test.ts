import { defaultRuleSet } from "@presence/core";
import { addRuleVersion, type Link } from "@presence/db";
import { eventually, sleep } from "@presence/graph-emulator/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startWorld, type World } from "../testing/teams-world.ts";

// timeScale 0.01: Graph fades an Available session not posted again after 3 s (AvailableIdle), then
// shows Away after 6 s. The bridge re-posts kept-alive sessions every second.
let world: World;

beforeAll(async () => {
  world = await startWorld({
    people: 2,
    emulator: { timeScale: 0.01 },
    env: { GRAPH_READ_MODE: "poll", GRAPH_POLL_INTERVAL_SECONDS: "1", GRAPH_KEEPALIVE_INTERVAL_SECONDS: "1" },
  });
  const rules = defaultRuleSet();
  rules.slackToTeams.unshift(
    {
      id: "custom-available-kept-alive",
      description: "A custom Slack status shows the person Available in Teams, kept alive",
      when: { kind: ["custom"] },
      teams: {
        presence: { availability: "Available", activity: "Available", keepAlive: true },
        statusMessage: "keep",
        preferred: "clear",
      },
    },
    {
      id: "lunch-available",
      description: "Lunch shows Available once (no keep-alive): Graph lets it fade",
      when: { kind: ["lunch"] },
      teams: {
        presence: { availability: "Available", activity: "Available", keepAlive: false },
        statusMessage: "keep",
        preferred: "clear",
      },
    },
  );
  await addRuleVersion(world.t.db, rules, { comment: "keep-alive test", createdBy: "test" });
});
afterAll(async () => {
  await world?.close();
});

const slackStatus = (link: Link, text: string, emoji: string) =>
  world.slackObservation(link, { status: { text, emoji, expiresAt: null } });

describe("keep-alive", () => {
  it("keeps a mirrored Available from fading where a rule asks for it, and only there", async () => {
    const [kept, faded] = world.links;
    const [keptPerson, fadedPerson] = world.people;
    if (!kept || !faded || !keptPerson || !fadedPerson) throw new Error("fixture");
    await world.teamsBaseline();

    await slackStatus(kept, "Working from the café", ":coffee:");
    await slackStatus(faded, "Lunch", ":hamburger:");
    await eventually(() => {
      expect(world.emulator.control.presence(keptPerson.id)).toMatchObject({
        availability: "Available",
        activity: "Available",
      });
      expect(world.emulator.control.presence(fadedPerson.id)).toMatchObject({
        availability: "Available",
        activity: "Available",
      });
    }, 10_000);
    const posts = (userId: string) =>
      world.emulator.control
        .requests({ surface: "graph", method: "POST" })
        .filter((r) => r.path === `/v1.0/users/${userId}/presence/setPresence` && r.status === 200).length;
    const start = posts(keptPerson.id);

    await sleep(7000); // past both fade stages

    expect(world.emulator.control.presence(keptPerson.id)).toMatchObject({
      availability: "Available",
      activity: "Available",
    });
    expect(world.emulator.control.sessions(keptPerson.id)[0]?.shown).toEqual({
      availability: "Available",
      activity: "Available",
    });
    expect(posts(keptPerson.id) - start).toBeGreaterThanOrEqual(4);
    // Without keep-alive Graph faded the same session to Away, and the bridge did not post it again.
    expect(world.emulator.control.presence(fadedPerson.id)).toMatchObject({
      availability: "Away",
      activity: "Away",
    });
    expect(posts(fadedPerson.id)).toBe(1);
    const heldUntil = (
      await world.t.db.linkSide.findFirstOrThrow({ where: { linkId: kept.id, side: "teams" } })
    ).heldUntil;
    expect(heldUntil?.getTime() ?? 0).toBeGreaterThan(Date.now() - 2000);
  });
});
