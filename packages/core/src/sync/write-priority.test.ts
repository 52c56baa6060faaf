import { describe, expect, it } from "vitest";

import type { TeamsView } from "../model/facets.ts";
import type { SlackHold } from "../model/hold.ts";
import type { OutlookView } from "../model/schedule.ts";
import { expectedSlackStateEnd, TYPICAL_STATE_MS, writePriority } from "./write-priority.ts";

const NOW = Date.UTC(2026, 11, 4, 9, 0);
const MINUTE = 60_000;
const meeting = { text: "In a meeting", emoji: ":spiral_calendar_pad:", expiresAt: NOW + 240 * MINUTE };
const meetingStatus: SlackHold = { status: meeting };

function view(availability: string, activity: string, outOfOffice = false): TeamsView {
  return {
    presence: { availability, activity },
    outOfOffice: { isOutOfOffice: outOfOffice },
  } as TeamsView;
}

/** A calendar read from an hour ago for a day, with busy blocks at these minutes from NOW. */
function calendar(...blocks: [number, number][]): OutlookView {
  return {
    calendar: {
      from: NOW - 60 * MINUTE,
      until: NOW + 24 * 60 * MINUTE,
      blocks: blocks.map(([start, end]) => ({
        showAs: "busy" as const,
        start: NOW + start * MINUTE,
        end: NOW + end * MINUTE,
      })),
    },
  };
}

const minutesLeft = (teams: TeamsView, hold: SlackHold, outlook?: OutlookView) =>
  (expectedSlackStateEnd({ teams, hold, ...(outlook ? { outlook } : {}) }, NOW) - NOW) / MINUTE;

describe("expectedSlackStateEnd", () => {
  it("without a calendar: the typical length of the Teams state the status mirrors", () => {
    expect(minutesLeft(view("Busy", "InAMeeting"), meetingStatus)).toBe(30);
    expect(minutesLeft(view("DoNotDisturb", "Presenting"), meetingStatus)).toBe(30);
    expect(minutesLeft(view("Busy", "InACall"), meetingStatus)).toBe(15);
    expect(minutesLeft(view("DoNotDisturb", "DoNotDisturb"), meetingStatus)).toBe(60);
    expect(minutesLeft(view("BeRightBack", "BeRightBack"), meetingStatus)).toBe(5);
    expect(minutesLeft(view("Available", "Available"), {})).toBe(30);
    expect(minutesLeft(view("Away", "Away"), {})).toBe(10);
    expect(minutesLeft(view("Offline", "OffWork"), {})).toBe(720);
    expect(minutesLeft(view("Available", "Available", true), meetingStatus)).toBe(720);
    expect(minutesLeft(view("PresenceUnknown", "PresenceUnknown"), {})).toBe(
      TYPICAL_STATE_MS.unknown / MINUTE,
    );
    expect(minutesLeft({}, {})).toBe(TYPICAL_STATE_MS.unknown / MINUTE);
  });

  it("a fixed status expiry is the end (the Outlook spoke's meeting end); a safety expiry is not", () => {
    const fixed = {
      status: { ...meeting, expiresAt: NOW + 50 * MINUTE, fixed: true as const },
    };
    expect(minutesLeft(view("Busy", "InAMeeting"), fixed)).toBe(50);
    expect(minutesLeft(view("Busy", "InAMeeting"), meetingStatus)).toBe(30);
  });

  it("with a calendar: a meeting lasts until its block run ends", () => {
    expect(minutesLeft(view("Busy", "InAMeeting"), meetingStatus, calendar([-10, 50], [52, 80]))).toBe(80);
  });

  it("with a calendar: no status lasts until the next busy block, or the window's end when none is booked", () => {
    expect(minutesLeft(view("Available", "Available"), {}, calendar([-60, -5], [45, 75]))).toBe(45);
    // A meeting booked to start now ends the cleared status now (a zero-length block is no meeting).
    expect(minutesLeft(view("Available", "Available"), {}, calendar([0, 0], [0, 30]))).toBe(0);
    expect(minutesLeft(view("Away", "Away"), {}, calendar([-60, -5]))).toBe(24 * 60);
    // A status being set is not ended by the next meeting: the typical length applies.
    expect(minutesLeft(view("Busy", "InACall"), meetingStatus, calendar([45, 75]))).toBe(15);
  });
});

describe("writePriority", () => {
  it("is the minutes left short of a day, so a longer-lasting state runs first", () => {
    expect(writePriority(NOW + 30 * MINUTE, NOW)).toBe(1410);
    expect(writePriority(NOW + 30 * MINUTE, NOW + 20 * MINUTE)).toBe(1430);
    expect(writePriority(NOW + 720 * MINUTE, NOW)).toBeLessThan(writePriority(NOW + 5 * MINUTE, NOW));
  });

  it("never ranks a write before other jobs (0); ended and far-off states rank at the ends", () => {
    expect(writePriority(NOW - MINUTE, NOW)).toBe(1440);
    expect(writePriority(NOW + 30 * 24 * 60 * MINUTE, NOW)).toBe(0);
    expect(writePriority(undefined, NOW)).toBe(0);
    expect(writePriority(Number.NaN, NOW)).toBe(0);
  });
});
