import { describe, expect, it } from "vitest";

import { slackHeldUntil, snoozeMinutes, statusExpirationSeconds } from "./held-expiry.ts";

const NOW = 1_800_000_000_000;
const MIN = 60_000;

describe("expiries the bridge writes to Slack", () => {
  it("writes a held status expiry as it is while it is far enough away, in Unix seconds", () => {
    expect(statusExpirationSeconds({ expiresAt: NOW + 240 * MIN }, NOW)).toBe((NOW + 240 * MIN) / 1000);
    expect(statusExpirationSeconds({ expiresAt: null }, NOW)).toBe(0);
  });

  it("extends an expiry about to lapse by an hour (the refresh while the bridge still holds it)", () => {
    expect(statusExpirationSeconds({ expiresAt: NOW + MIN }, NOW)).toBe((NOW + 60 * MIN) / 1000);
    expect(statusExpirationSeconds({ expiresAt: NOW - 30 * MIN }, NOW)).toBe((NOW + 60 * MIN) / 1000);
    expect(snoozeMinutes(NOW + 2 * MIN, NOW)).toBe(60);
  });

  it("writes a fixed expiry (a meeting's known end) as it is, however close, and never refreshes it", () => {
    expect(statusExpirationSeconds({ expiresAt: NOW + MIN, fixed: true }, NOW)).toBe((NOW + MIN) / 1000);
    const meeting = {
      text: "In a meeting (via Teams)",
      emoji: ":spiral_calendar_pad:",
      expiresAt: NOW + 30 * MIN,
    };
    expect(slackHeldUntil({ status: { ...meeting, fixed: true } }, NOW)).toBeNull();
    expect(
      slackHeldUntil({ status: { ...meeting, fixed: true }, dnd: { until: NOW + 90 * MIN } }, NOW),
    ).toEqual({
      at: NOW + 90 * MIN,
      facets: ["dnd"],
    });
  });

  it("snoozes whole minutes, at least one and at most a day", () => {
    expect(snoozeMinutes(NOW + 240 * MIN, NOW)).toBe(240);
    expect(snoozeMinutes(NOW + 240 * MIN + 1, NOW)).toBe(241);
    expect(snoozeMinutes(NOW + 3 * 24 * 60 * MIN, NOW)).toBe(24 * 60);
  });

  it("heldUntil: the first held expiry, and every expiring facet to refresh then; nothing for lasting holds", () => {
    const hold = {
      status: {
        text: "In a meeting (via Teams)",
        emoji: ":spiral_calendar_pad:",
        expiresAt: NOW + 240 * MIN,
      },
      dnd: { until: NOW + 90 * MIN },
    };
    expect(slackHeldUntil(hold, NOW)).toEqual({ at: NOW + 90 * MIN, facets: ["status", "dnd"] });
    expect(
      slackHeldUntil({ status: { text: "Out of office", emoji: ":palm_tree:", expiresAt: null } }, NOW),
    ).toBeNull();
    expect(slackHeldUntil({ presence: { away: true } }, NOW)).toBeNull();
    // Written again 2 minutes before the status lapses: it now lasts another hour.
    const refreshedAt = NOW + 238 * MIN;
    expect(slackHeldUntil({ status: hold.status }, refreshedAt)?.at).toBe(refreshedAt + 60 * MIN);
  });
});
