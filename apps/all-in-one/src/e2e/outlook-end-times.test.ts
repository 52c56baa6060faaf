import { listSyncEvents } from "@presence/db";
import type { TeamsBridge } from "@presence/teams-bridge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { freePort } from "@presence/runtime/testing";
import { demoPerson, until } from "../testing/demo-person.ts";
import { startDemoWorld, type DemoWorld } from "../testing/demo-world.ts";

/*
 * The Outlook spoke end to end: the zero-config demo (both emulators, the three apps, real Postgres), a
 * calendar and automatic replies in the Graph emulator, Slack's own expiry in the Slack emulator.
 */
let world: DemoWorld;

beforeAll(async () => {
  world = await startDemoWorld(await freePort());
}, 120_000);
afterAll(async () => {
  await world?.stop();
});

const person = (index: number) => demoPerson(world, index);

function teamsBridge(): TeamsBridge {
  const module = world.modules.find((m) => m.name === "teams-bridge");
  if (!module) throw new Error("no Teams bridge in the demo");
  return module as TeamsBridge;
}

async function linkOf(slackUserId: string) {
  return world.t.db.link.findFirstOrThrow({ where: { slackUserId } });
}

/** users.profile.set calls the bridge made for this person. */
function statusWrites(who: ReturnType<typeof person>) {
  return who.slackControl
    .calls({ method: "users.profile.set", status: 200 })
    .filter((call) => call.userId === who.slack.id || call.args.user === who.slack.id)
    .filter((call) => call.response.ok === true);
}

describe("Outlook spoke, end to end", () => {
  it("a meeting's Slack status is written once with the meeting's end and Slack clears it then: no second write", async () => {
    const ada = person(0);
    const link = await linkOf(ada.slack.id);
    const now = Date.now();
    const start = Math.ceil((now + 4_000) / 1000) * 1000;
    const end = start + 6_000;
    ada.graphControl.addCalendarEvent(ada.teams.id, {
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      showAs: "busy",
      subject: "Quarterly numbers",
    });
    // Read ahead of the meeting, as the chain does (it spreads reads over the interval).
    await teamsBridge().schedules.read(teamsBridge().settings.tenantId, [ada.teams.id]);
    const before = statusWrites(ada).length;

    // The meeting starts: the calendar makes Teams show Ada in a meeting; the bridge mirrors it.
    await until(() => statusWrites(ada).length > before, 15_000, "the meeting's status write");
    const [write] = statusWrites(ada).slice(before);
    const profile = write?.args.profile as Record<string, unknown> | string;
    const sent = typeof profile === "string" ? (JSON.parse(profile) as Record<string, unknown>) : profile;
    expect(sent).toMatchObject({ status_text: "In a meeting (via Teams)", status_expiration: end / 1000 });

    // The meeting ends: Slack clears the status by itself; Teams shows Ada available again.
    await until(
      () => ada.slackControl.getProfile({ userId: ada.slack.id }).status_text === "",
      end - Date.now() + 5_000,
      "Slack to clear the status",
    );
    await until(
      async () =>
        (
          (
            await world.t.db.linkSide.findUniqueOrThrow({
              where: { linkId_side: { linkId: link.id, side: "teams" } },
            })
          ).view as { presence?: { activity?: string } }
        ).presence?.activity !== "InAMeeting",
      10_000,
      "Teams to show the meeting over",
    );
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(statusWrites(ada).length - before).toBe(1);
    const events = await listSyncEvents(world.t.db, { linkId: link.id });
    expect(events.map((e) => e.kind)).not.toContain("ownership_released");
    expect(events.some((e) => e.kind === "echo_dropped" && e.side === "slack")).toBe(true);
  }, 60_000);

  it("out of office carries the automatic replies' end date to Slack", async () => {
    const bob = person(1);
    const now = Date.now();
    const end = Math.ceil((now + 3 * 24 * 3_600_000) / 1000) * 1000;
    bob.graphControl.setAutomaticReplies(bob.teams.id, {
      status: "scheduled",
      scheduledStartDateTime: new Date(now - 3_600_000).toISOString(),
      scheduledEndDateTime: new Date(end).toISOString(),
      internalReplyMessage: "Back on Monday",
    });
    await teamsBridge().schedules.read(teamsBridge().settings.tenantId, [bob.teams.id]);
    await until(
      () => bob.slackControl.getProfile({ userId: bob.slack.id }).status_expiration === end / 1000,
      15_000,
      "Slack to show out of office until the end date",
    );
    expect(bob.slackControl.getProfile({ userId: bob.slack.id })).toMatchObject({
      status_text: "Out of office (via Teams)",
      status_emoji: ":palm_tree:",
    });
  }, 60_000);
});
