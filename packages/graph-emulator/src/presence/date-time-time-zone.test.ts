import { describe, expect, it } from "vitest";
import { dateTimeTimeZoneToEpochMs } from "./date-time-time-zone.ts";

describe("dateTimeTimeZoneToEpochMs", () => {
  it("reads UTC, IANA and Windows zone names", () => {
    expect(dateTimeTimeZoneToEpochMs({ dateTime: "2022-10-18T17:05:33.2079781", timeZone: "UTC" })).toBe(
      Date.UTC(2022, 9, 18, 17, 5, 33, 207),
    );
    // Pacific Daylight Time in October: UTC-7.
    expect(
      dateTimeTimeZoneToEpochMs({ dateTime: "2022-10-18T17:05:33", timeZone: "Pacific Standard Time" }),
    ).toBe(Date.UTC(2022, 9, 19, 0, 5, 33));
    expect(dateTimeTimeZoneToEpochMs({ dateTime: "2024-01-15T09:00:00", timeZone: "Europe/Berlin" })).toBe(
      Date.UTC(2024, 0, 15, 8, 0, 0),
    );
  });

  it("refuses unknown zones and malformed times", () => {
    expect(
      dateTimeTimeZoneToEpochMs({ dateTime: "2024-01-15T09:00:00", timeZone: "Mars/Olympus" }),
    ).toBeUndefined();
    expect(dateTimeTimeZoneToEpochMs({ dateTime: "tomorrow", timeZone: "UTC" })).toBeUndefined();
  });
});
