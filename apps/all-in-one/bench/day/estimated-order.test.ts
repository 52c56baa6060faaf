import { blockRunEnd, defaultRuleSet } from "@presence/core";
import { dayTraceFrame, outlookRead, personDay } from "@presence/core/testing";
import { describe, expect, it } from "vitest";

import { bridgeOrder } from "./estimated-order.ts";
import { expectedTimeline } from "./expected-slack.ts";

const MINUTE = 60_000;
const frame = dayTraceFrame({ people: 40, seed: 1 });
const days = Array.from({ length: 40 }, (_, i) => personDay(frame.options, i));
const expected = days.map((day) => expectedTimeline(day, defaultRuleSet()));

/** The first time someone's Teams shows a calendar meeting during the day: person and time. */
function firstMeeting(): { person: number; at: number } {
  for (const [person, day] of days.entries())
    for (const entry of day.presence)
      if (entry.at > frame.start && entry.presence.activity === "InAMeeting" && !entry.outOfOffice)
        return { person, at: entry.at };
  throw new Error("no meeting in the trace");
}

describe("bridgeOrder", () => {
  it("ranks a meeting's status by its typical length from Teams alone, by its calendar end with calendars", () => {
    const { person, at } = firstMeeting();
    const rank = (withCalendars: boolean) => {
      const order = bridgeOrder(days, expected, { withCalendars, trace: frame.options }).status;
      if (typeof order !== "object") throw new Error("status is ranked by an expected end");
      return order.expectedEnd(person, at);
    };
    expect(rank(false)).toBe(at + 30 * MINUTE);
    const calendarEnd = blockRunEnd(
      outlookRead(days[person] as (typeof days)[number], at, frame.options).calendar,
      ["busy", "tentative"],
      at,
    );
    expect(calendarEnd).not.toBeNull();
    expect(rank(true)).toBe(calendarEnd);
  });

  it("writes DND and away first come first served, as the bridge does", () => {
    const order = bridgeOrder(days, expected, { withCalendars: true, trace: frame.options });
    expect([order.dnd, order.away]).toEqual(["oldest-pending", "oldest-pending"]);
  });
});
