import { describe, expect, it } from "vitest";

import { externalStateFingerprint, type ExternalState } from "../model/external-state.ts";
import type { SlackView, TeamsView } from "../model/facets.ts";
import { defaultRuleSet } from "../rules/default-rules.ts";
import { MemoryBridge } from "../testing/memory-bridge.ts";
import { reconsider } from "./decide.ts";
import type { Observation } from "./types.ts";

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);
const at = (minutes: number) => T0 + minutes * MIN;
const rules = defaultRuleSet();
const PHONES = "phones";

let seq = 0;
const slack = (facets: SlackView, now: number): Observation => ({
  side: "slack",
  facets,
  version: `${Math.floor(now / 1000)}.${String(++seq).padStart(6, "0")}`,
  observedAt: now,
});
const teams = (facets: TeamsView, now: number): Observation => ({
  side: "teams",
  facets,
  version: String(++seq).padStart(12, "0"),
  observedAt: now,
});
const report = (state: ExternalState | null, now: number, connection = PHONES): Observation => ({
  side: "webhook",
  facets: { [connection]: state },
  version: String(now + ++seq).padStart(15, "0"),
  observedAt: now,
});
const presence = (availability: string, activity: string): TeamsView =>
  ({ presence: { availability, activity }, outOfOffice: { isOutOfOffice: false } }) as TeamsView;
const available = presence("Available", "Available");
const cleared: SlackView = { status: { text: "", emoji: "", expiresAt: null }, huddle: { inHuddle: false } };
const call: ExternalState = { availability: "busy", activity: "inACall", until: null };

function bridge(link: ConstructorParameters<typeof MemoryBridge>[0]["link"] = {}) {
  const b = new MemoryBridge({ rules, link });
  b.observe(slack(cleared, T0), T0);
  b.observe(teams(available, T0), T0);
  b.pendingWrites.clear();
  b.events = [];
  b.published = [];
  return b;
}

describe("the webhook spoke in decide()", () => {
  it("a phone call a system reports reaches Slack (status) and Teams (the bridge's Busy/InACall session)", () => {
    const b = bridge();
    const decision = b.observe(report(call, at(1)), at(1));
    expect(decision.writes.sort()).toEqual(["slack", "teams"]);
    expect(b.link.slack.hold.status).toMatchObject({
      text: "In a call (via Teams)",
      emoji: ":telephone_receiver:",
    });
    expect(b.link.teams.hold.session).toEqual({
      availability: "Busy",
      activity: "InACall",
      keepAlive: false,
    });
    expect(decision.events.filter((e) => e.kind === "mirrored").map((e) => e.side)).toEqual([
      "slack",
      "teams",
    ]);
    // What a system reported is never sent out: the person's own state did not change.
    expect(decision.publish).toBe(false);
  });

  it("when the system reports nothing any more, the bridge lets go on both sides", () => {
    const b = bridge();
    b.observe(report(call, at(1)), at(1));
    const ended = b.observe(report(null, at(5)), at(5));
    expect(ended.writes.sort()).toEqual(["slack", "teams"]);
    expect(b.link.slack.hold.status).toBeUndefined();
    expect(b.link.teams.hold.session).toBeUndefined();
  });

  it("a state with an end: the Slack status expires by itself then; after it the state no longer counts", () => {
    const b = bridge();
    b.observe(report({ availability: "busy", activity: "inAMeeting", until: at(30) }, at(1)), at(1));
    expect(b.link.slack.hold.status).toMatchObject({
      text: "In a meeting (via Teams)",
      expiresAt: at(30),
      fixed: true,
    });
    // Later, after the end, a Teams change re-decides: the expired report is ignored.
    b.observe(teams(presence("Away", "Away"), at(40)), at(40));
    expect(b.link.teams.hold.session).toBeUndefined();
  });

  it("a system reporting back the state the bridge sent it is an echo", () => {
    const b = bridge();
    const sent: ExternalState = { availability: "busy", activity: "inAMeeting", until: null };
    b.expectations.push({
      side: "webhook",
      facet: PHONES,
      fingerprint: externalStateFingerprint(sent),
      expiresAt: at(2),
    });
    const echo = b.observe(report(sent, at(1)), at(1));
    expect(echo.events.map((e) => e.kind)).toEqual(["echo_dropped"]);
    expect(echo.writes).toEqual([]);
  });

  it("a less restrictive report changes nothing: the person's own Teams meeting wins", () => {
    const b = bridge();
    b.observe(teams(presence("Busy", "InAMeeting"), at(1)), at(1));
    const held = b.link.slack.hold;
    const decision = b.observe(
      report({ availability: "available", activity: "available", until: null }, at(2)),
      at(2),
    );
    expect(decision.writes).toEqual([]);
    expect(b.link.slack.hold).toEqual(held);
  });

  it("sharing into Teams off: the system's state reaches Slack only", () => {
    const b = bridge({ direction: "teamsToSlack" });
    const decision = b.observe(report(call, at(1)), at(1));
    expect(decision.writes).toEqual(["slack"]);
    expect(b.link.teams.hold.session).toBeUndefined();
  });

  it("publishes the person's own state when it changes, with its known end; nothing when paused", () => {
    const b = bridge();
    b.observe(teams(presence("Busy", "InAMeeting"), at(1)), at(1));
    expect(b.published.at(-1)).toEqual({
      availability: "busy",
      activity: "inAMeeting",
      outOfOffice: false,
      until: null,
      source: "teams",
    });
    const count = b.published.length;
    // The same state again (another poll): nothing new to send.
    b.observe(teams(presence("Busy", "InAMeeting"), at(2)), at(2));
    expect(b.published.length).toBe(count);
    // Slack DND is more restrictive than the meeting: that is what goes out.
    b.observe(slack({ dnd: { snoozed: true, until: at(60) } }, at(3)), at(3));
    expect(b.published.at(-1)).toMatchObject({ availability: "doNotDisturb", source: "slack" });

    b.link = { ...b.link, status: "paused", pausedUntil: null };
    const paused = reconsider(
      { link: b.link, expectations: [], rules, settings: b.settings, now: at(4), recentWrites: 0 },
      "paused",
    );
    expect(paused.publish).toBe(true);
    expect(paused.webhook.hold.state).toBeNull();
  });

  it("when a system's state ends by itself (until), a reconsider lets go on Teams too", () => {
    const b = bridge();
    b.observe(report({ availability: "busy", activity: "inACall", until: at(20) }, at(1)), at(1));
    expect(b.link.teams.hold.session).toMatchObject({ availability: "Busy", activity: "InACall" });
    const later = b.reconsider(at(21), "a system's state ended");
    expect(later.writes).toContain("teams");
    expect(b.link.teams.hold.session).toBeUndefined();
  });

  it("a system going offline says nothing about the person: it overrides nothing", () => {
    const b = bridge();
    const decision = b.observe(
      report({ availability: "offline", activity: "offline", until: null }, at(1)),
      at(1),
    );
    expect(decision.writes).toEqual([]);
    expect(b.link.slack.hold.presence).toBeUndefined();
    expect(b.link.teams.hold.session).toBeUndefined();
  });

  it("a real report matching what the bridge just sent ends the system's own state (a call that ended as ours was sent)", () => {
    const b = bridge();
    b.observe(report(call, at(1)), at(1));
    expect(b.link.slack.hold.status?.text).toBe("In a call (via Teams)");
    b.expectations.push({
      side: "webhook",
      facet: PHONES,
      fingerprint: externalStateFingerprint({
        availability: "available",
        activity: "available",
      }),
      expiresAt: at(3),
    });
    const ended = b.observe(
      report({ availability: "available", activity: "available", until: null }, at(2)),
      at(2),
    );
    expect(ended.events.map((e) => e.kind)).toContain("echo_dropped");
    expect(b.link.webhook.view[PHONES]).toBeNull();
    expect(b.link.slack.hold.status).toBeUndefined();
    expect(b.link.teams.hold.session).toBeUndefined();
  });
});
