import { describe, expect, it } from "vitest";

import { automaticReplies, calendarBlocks, utcMillis } from "./graph-schedule.ts";

const at = (iso: string) => Date.parse(`${iso}Z`);
const utc = (dateTime: string) => ({ dateTime, timeZone: "UTC" });

describe("Graph's calendar and automatic replies, as the Outlook spoke reads them", () => {
  it("reads Graph's offset-less UTC times, and refuses other zones rather than guess", () => {
    expect(utcMillis(utc("2026-12-07T10:00:00.0000000"))).toBe(at("2026-12-07T10:00:00"));
    expect(utcMillis({ dateTime: "2026-12-07T10:00:00.0000000" })).toBe(at("2026-12-07T10:00:00"));
    expect(utcMillis({ dateTime: "2026-12-07T10:00:00", timeZone: "Pacific Standard Time" })).toBeNull();
    expect(utcMillis(utc("not a time"))).toBeNull();
    expect(utcMillis(null)).toBeNull();
  });

  it("keeps busy, tentative, out-of-office and working-elsewhere blocks, soonest first; drops free, cancelled and empty ones", () => {
    const blocks = calendarBlocks([
      { showAs: "busy", start: utc("2026-12-07T11:00:00"), end: utc("2026-12-07T11:30:00") },
      { showAs: "free", start: utc("2026-12-07T09:00:00"), end: utc("2026-12-07T10:00:00") },
      { showAs: "tentative", start: utc("2026-12-07T10:00:00"), end: utc("2026-12-07T10:30:00") },
      {
        showAs: "busy",
        start: utc("2026-12-07T12:00:00"),
        end: utc("2026-12-07T13:00:00"),
        isCancelled: true,
      },
      { showAs: "workingElsewhere", start: utc("2026-12-07T14:00:00"), end: utc("2026-12-07T14:00:00") },
      { showAs: "oof", start: utc("2026-12-08T00:00:00"), end: utc("2026-12-09T00:00:00") },
      { showAs: "unknown", start: utc("2026-12-07T15:00:00"), end: utc("2026-12-07T16:00:00") },
    ]);
    expect(blocks).toEqual([
      { showAs: "tentative", start: at("2026-12-07T10:00:00"), end: at("2026-12-07T10:30:00") },
      { showAs: "busy", start: at("2026-12-07T11:00:00"), end: at("2026-12-07T11:30:00") },
      { showAs: "oof", start: at("2026-12-08T00:00:00"), end: at("2026-12-09T00:00:00") },
    ]);
  });

  it("turns automatic replies into on/off with the scheduled window", () => {
    expect(automaticReplies({ status: "disabled" })).toEqual({ enabled: false, start: null, end: null });
    expect(automaticReplies({ status: "alwaysEnabled" })).toEqual({ enabled: true, start: null, end: null });
    expect(
      automaticReplies({
        status: "scheduled",
        scheduledStartDateTime: utc("2026-12-07T00:00:00"),
        scheduledEndDateTime: utc("2026-12-14T08:00:00"),
      }),
    ).toEqual({ enabled: true, start: at("2026-12-07T00:00:00"), end: at("2026-12-14T08:00:00") });
  });
});
