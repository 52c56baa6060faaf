import { describe, expect, it } from "vitest";

import type { SlackView, TeamsView } from "../model/facets.ts";
import type { CalendarBlock, OutlookView } from "../model/schedule.ts";
import { defaultRuleSet } from "../rules/default-rules.ts";
import { MemoryBridge } from "../testing/memory-bridge.ts";
import type { Observation } from "./types.ts";
import type { WriteOp } from "./write-plan.ts";

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 7, 9, 50, 0);
const at = (minutes: number) => T0 + minutes * MIN;
const rules = defaultRuleSet();

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
const outlook = (facets: OutlookView, now: number): Observation => ({
  side: "outlook",
  facets,
  version: "",
  observedAt: now,
});
const presence = (availability: string, activity: string, isOutOfOffice = false) =>
  ({
    presence: { availability, activity },
    outOfOffice: { isOutOfOffice },
  }) as TeamsView;
const available = presence("Available", "Available");
const inMeeting = presence("Busy", "InAMeeting");
const cleared: SlackView = { status: { text: "", emoji: "", expiresAt: null } };
const calendar = (...blocks: CalendarBlock[]): OutlookView => ({
  calendar: { from: at(-10), until: at(24 * 60), blocks },
});
const busy = (from: number, to: number): CalendarBlock => ({ showAs: "busy", start: at(from), end: at(to) });

function bridge() {
  const b = new MemoryBridge({ rules });
  b.observe(slack(cleared, T0), T0);
  b.observe(teams(available, T0), T0);
  b.pendingWrites.clear();
  b.events = [];
  return b;
}

/**
 * Runs the pending Slack write as the write job would, then takes in Slack's echo of each status it
 * set (Slack announces every profile change); returns the Slack calls made.
 */
function writeSlack(b: MemoryBridge, now: number): WriteOp[] {
  const calls: WriteOp[] = [];
  if (b.pendingWrites.has("slack")) b.write("slack", now, (op) => calls.push(op));
  for (const op of calls) {
    if (op.side !== "slack" || op.facet !== "status") continue;
    const status = op.action === "set" ? { ...op.value, fixed: undefined } : cleared.status;
    const echo = b.observe(slack({ status: { text: "", emoji: "", expiresAt: null, ...status } }, now), now);
    // Echo of a new status, or (same text, new expiry: expiry is not in the fingerprint) a duplicate.
    expect(echo.writes).toEqual([]);
    expect(["echo_dropped", "duplicate_dropped"]).toContain(echo.events[0]?.kind);
  }
  return calls;
}

describe("the Outlook spoke: known end times", () => {
  it("a meeting's Slack status expires at the meeting's end, read ahead from the calendar: one write, none at the end", () => {
    const b = bridge();
    // Read ahead of the meeting: nothing to write yet.
    const read = b.observe(outlook(calendar(busy(10, 40)), at(0)), at(0));
    expect(read.writes).toEqual([]);

    b.observe(teams(inMeeting, at(10)), at(10));
    const set = writeSlack(b, at(10));
    expect(set).toEqual([
      {
        side: "slack",
        facet: "status",
        action: "set",
        value: {
          text: "In a meeting (via Teams)",
          emoji: ":spiral_calendar_pad:",
          expiresAt: at(40),
          fixed: true,
        },
      },
    ]);

    // Slack clears the status by itself at 10:40 and says so: the bridge's own doing, not the person's.
    const lapse = b.observe(slack(cleared, at(40)), at(40));
    expect(lapse.events.map((e) => e.kind)).toEqual(["echo_dropped"]);
    expect(lapse.writes).toEqual([]);

    // Teams shows the person available a little later: Slack already shows nothing, so no call.
    b.observe(teams(available, at(41)), at(41));
    expect(b.link.slack.hold.status).toBeUndefined();
    expect(writeSlack(b, at(41))).toEqual([]);
  });

  it("a meeting that overruns is not posted again: the status ended at its known end stays ended, whatever re-decides", () => {
    const b = bridge();
    b.observe(outlook(calendar(busy(10, 40)), at(0)), at(0));
    b.observe(teams(inMeeting, at(10)), at(10));
    expect(writeSlack(b, at(10))).toHaveLength(1);
    b.observe(slack(cleared, at(40)), at(40));
    // Teams still shows the meeting; the next hourly read (window moved) and a Teams change of another facet re-decide.
    const t = at(40) + 10_000;
    const read = b.observe(
      outlook({ calendar: { from: at(60), until: at(60 + 25 * 60), blocks: [] } }, t),
      t,
    );
    expect(read.writes).toEqual([]);
    const message = b.observe(
      teams({ statusMessage: { text: "Back soon", expiresAt: null } }, t + 5_000),
      t + 5_000,
    );
    expect(message.writes).not.toContain("slack");
    // Teams moves on: releasing the lapsed status is not a call either.
    b.observe(teams(available, t + 20_000), t + 20_000);
    expect(writeSlack(b, t + 20_000)).toEqual([]);
  });

  it("joining a few minutes early still gets the meeting's end", () => {
    const b = bridge();
    b.observe(outlook(calendar(busy(10, 40)), at(0)), at(0));
    b.observe(teams(inMeeting, at(7)), at(7));
    expect(b.link.slack.hold.status).toMatchObject({ expiresAt: at(40), fixed: true });
  });

  it("back-to-back meetings are one run: the status lasts until the last one ends", () => {
    const b = bridge();
    b.observe(outlook(calendar(busy(10, 40), busy(40, 70), busy(72, 100), busy(200, 230)), at(0)), at(0));
    b.observe(teams(inMeeting, at(10)), at(10));
    expect(b.link.slack.hold.status).toMatchObject({ expiresAt: at(100), fixed: true });
  });

  it("without a calendar block the rule's safety expiry applies and is refreshed as before", () => {
    const b = bridge();
    b.observe(outlook(calendar(busy(200, 230)), at(0)), at(0));
    b.observe(teams(inMeeting, at(10)), at(10));
    expect(b.link.slack.hold.status?.fixed).toBeUndefined();
    expect(b.link.slack.hold.status?.expiresAt).not.toBeNull();
  });

  it("a calendar read during the meeting gives the status its end (one more write, none at the end)", () => {
    const b = bridge();
    b.observe(teams(inMeeting, at(10)), at(10));
    writeSlack(b, at(10));
    const read = b.observe(outlook(calendar(busy(10, 40)), at(12)), at(12));
    expect(read.writes).toEqual(["slack"]);
    expect(writeSlack(b, at(12))).toMatchObject([
      { facet: "status", value: { expiresAt: at(40), fixed: true } },
    ]);
    // The same calendar read again is neither a write nor an audit entry.
    const again = b.observe(outlook(calendar(busy(10, 40)), at(15)), at(15));
    expect(again.writes).toEqual([]);
    expect(again.events).toEqual([]);
  });

  it("out of office carries the automatic replies' end date", () => {
    const b = bridge();
    const end = at(3 * 24 * 60);
    b.observe(outlook({ automaticReplies: { enabled: true, start: at(-60), end } }, at(0)), at(0));
    b.observe(teams(presence("Away", "OutOfOffice", true), at(1)), at(1));
    expect(b.link.slack.hold.status).toMatchObject({
      text: "Out of office (via Teams)",
      expiresAt: end,
      fixed: true,
    });
  });

  it("automatic replies without an end date leave out of office open-ended", () => {
    const b = bridge();
    b.observe(outlook({ automaticReplies: { enabled: true, start: null, end: null } }, at(0)), at(0));
    b.observe(teams(presence("Away", "OutOfOffice", true), at(1)), at(1));
    expect(b.link.slack.hold.status).toMatchObject({ text: "Out of office (via Teams)", expiresAt: null });
    expect(b.link.slack.hold.status?.fixed).toBeUndefined();
  });

  it("a status the person clears before the meeting ends is theirs: released, not taken for the lapse", () => {
    const b = bridge();
    b.observe(outlook(calendar(busy(10, 40)), at(0)), at(0));
    b.observe(teams(inMeeting, at(10)), at(10));
    writeSlack(b, at(10));
    const early = b.observe(slack(cleared, at(20)), at(20));
    expect(early.events.map((e) => e.kind)).toContain("ownership_released");
  });

  it("nothing flows from Outlook when sharing into Slack is off", () => {
    const b = new MemoryBridge({ rules, link: { direction: "slackToTeams" } });
    b.observe(teams(inMeeting, at(10)), at(10));
    const read = b.observe(outlook(calendar(busy(10, 40)), at(11)), at(11));
    expect(read.writes).toEqual([]);
    expect(b.link.slack.hold.status).toBeUndefined();
  });
});
