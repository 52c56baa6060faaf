import { listSyncEvents, type Link } from "@presence/db";
import { afterEach, describe, expect, it } from "vitest";

import { startHarness, TEAMS, type Harness } from "../testing/bridge-harness.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function kinds(harness: Harness, link: Link) {
  const events = await listSyncEvents(harness.t.db, { linkId: link.id, limit: 200 });
  return events.reverse().map((e) => ({ kind: e.kind, source: (e.detail as { source?: string }).source }));
}

/** Every Slack event caused by the bridge's own write was dropped (echo, or stale/duplicate of one), none mirrored. */
function expectEchoesDropped(trail: { kind: string; source: string | undefined }[], sources: string[]) {
  const fromSlack = trail.filter((e) => sources.includes(e.source ?? ""));
  expect(fromSlack.map((e) => e.source).sort()).toEqual([...sources].sort());
  for (const event of fromSlack)
    expect(["echo_dropped", "stale_dropped", "duplicate_dropped"]).toContain(event.kind);
  expect(fromSlack.map((e) => e.kind)).toContain("echo_dropped");
}

describe("the Slack writer, through the pipeline", () => {
  it("sets the status for a Teams meeting; the echo (user_change) is recognised and dropped", async () => {
    h = await startHarness();
    await h.install();
    const grace = h.person(1);
    const link = await h.linkedPerson(1);
    h.slack.control.clearCalls({});
    await h.teamsChange(link, TEAMS.meeting);
    await h.idle();

    const profile = h.slack.control.getProfile({ userId: grace.id }) as {
      status_text: string;
      status_emoji: string;
      status_expiration: number;
    };
    expect(profile).toMatchObject({
      status_text: "In a meeting (via Teams)",
      status_emoji: ":spiral_calendar_pad:",
    });
    // The rule's 4-hour safety expiry, in Unix seconds.
    expect(profile.status_expiration * 1000).toBeGreaterThan(Date.now() + 3.9 * 3600_000);
    const writes = h.slack.control.calls({ method: "users.profile.set" });
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ userId: grace.id, status: 200 });
    expect(writes[0]?.args.user).toBeUndefined();

    const echoes = h.deliveriesAbout("In a meeting (via Teams)");
    expect(echoes.map((d) => d.eventType)).toEqual(["user_change"]);
    const trail = (await kinds(h, link)).slice(-3);
    expect(trail.slice(0, 2)).toEqual([
      { kind: "mirrored", source: "test:teams" },
      { kind: "written", source: undefined },
    ]);
    expectEchoesDropped(trail, ["slack:user_change"]);
    // Nothing went back to Teams, and the side records what the bridge holds.
    expect(h.teamsWrites.filter((w) => w.linkId === link.id)).toEqual([]);
    const side = await h.t.db.linkSide.findUniqueOrThrow({
      where: { linkId_side: { linkId: link.id, side: "slack" } },
    });
    expect(side.written).toMatchObject({ status: { text: "In a meeting (via Teams)" } });
    expect(side.heldUntil?.getTime()).toBeGreaterThan(Date.now() + 3.9 * 3600_000);
  });

  it("presenting snoozes DND (echo dropped); back to available clears the status and ends the snooze", async () => {
    h = await startHarness();
    await h.install();
    const grace = h.person(1);
    const link = await h.linkedPerson(1);
    await h.teamsChange(link, TEAMS.presenting);
    await h.idle();
    expect(h.slack.control.getDnd({ userId: grace.id })).toMatchObject({ snooze_enabled: true });
    const snooze = h.slack.control.calls({ method: "dnd.setSnooze" });
    expect(snooze).toHaveLength(1);
    expect(Number(snooze[0]?.args.num_minutes)).toBe(240);
    const presenting = await kinds(h, link);
    expectEchoesDropped(
      presenting.filter((e) => e.source === "slack:dnd_updated"),
      ["slack:dnd_updated"],
    );

    await h.teamsChange(link, TEAMS.available);
    await h.idle();
    expect(h.slack.control.getProfile({ userId: grace.id })).toMatchObject({
      status_text: "",
      status_emoji: "",
    });
    expect(h.slack.control.getDnd({ userId: grace.id })).toMatchObject({ snooze_enabled: false });
    expect(h.slack.control.calls({ method: "dnd.endSnooze" })).toHaveLength(1);
    expect(h.teamsWrites.filter((w) => w.linkId === link.id)).toEqual([]);
  });

  it("admin-token mode: the installer's Owner token sets the status of someone who never connected (user=)", async () => {
    h = await startHarness({ env: { SLACK_ADMIN_TOKEN_MODE: "fallback" } });
    await h.install();
    const [ada, linus] = [h.person(0), h.person(2)];
    const link = await h.linkedPerson(2, false);
    await h.teamsChange(link, TEAMS.meeting);
    await h.idle();
    expect(h.slack.control.getProfile({ userId: linus.id })).toMatchObject({
      status_text: "In a meeting (via Teams)",
    });
    const [write] = h.slack.control.calls({ method: "users.profile.set" });
    expect(write).toMatchObject({ userId: ada.id, args: expect.objectContaining({ user: linus.id }) });
    expectEchoesDropped((await kinds(h, link)).slice(-1), ["slack:user_change"]);
  });

  it("admin-token mode: DND and away need the person's own token — recorded as refused, the link keeps mirroring", async () => {
    h = await startHarness({ env: { SLACK_ADMIN_TOKEN_MODE: "fallback" } });
    await h.install();
    const linus = h.person(2);
    const link = await h.linkedPerson(2, false);
    await h.teamsChange(link, TEAMS.presenting);
    await h.idle();
    expect(h.slack.control.getProfile({ userId: linus.id })).toMatchObject({
      status_text: "Presenting (via Teams)",
    });
    expect(h.slack.control.calls({ method: "dnd.setSnooze" })).toEqual([]);
    expect((await kinds(h, link)).map((e) => e.kind)).toContain("failed");
    expect(await h.t.db.link.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({
      status: "active",
    });
    await h.teamsChange(link, TEAMS.meeting);
    await h.idle();
    expect(h.slack.control.getProfile({ userId: linus.id })).toMatchObject({
      status_text: "In a meeting (via Teams)",
    });
  });

  it("without a connection (and no admin-token mode) the link waits for the person: needs re-auth, no call", async () => {
    h = await startHarness();
    await h.install();
    const link = await h.link(h.person(2));
    await h.teamsChange(link, TEAMS.meeting);
    await h.idle();
    expect(h.slack.control.calls({ method: "users.profile.set" })).toEqual([]);
    expect(await h.t.db.link.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({
      status: "needs_reauth",
      statusReason: expect.stringMatching(/^slack: /),
    });
  });
});
