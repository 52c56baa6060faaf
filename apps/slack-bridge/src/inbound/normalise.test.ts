import { describe, expect, it } from "vitest";

import { normaliseDnd, normaliseProfile, ZSlackUser } from "./normalise.ts";

describe("normalising Slack's shapes", () => {
  it("a user_change profile: status (expiration seconds → ms), huddle", () => {
    const user = ZSlackUser.parse({
      id: "U1",
      team_id: "T1",
      profile: {
        status_text: "riding a train",
        status_emoji: ":mountain_railway:",
        status_expiration: 1_700_000_000,
        huddle_state: "in_a_huddle",
        huddle_state_expiration_ts: 1_700_000_100,
        real_name: "Some User",
      },
    });
    expect(normaliseProfile(user.profile)).toEqual({
      status: { text: "riding a train", emoji: ":mountain_railway:", expiresAt: 1_700_000_000_000 },
      huddle: { inHuddle: true },
    });
  });

  it("a cleared status never expires; a profile without huddle_state says nothing about huddles", () => {
    expect(normaliseProfile({ status_text: "", status_emoji: "", status_expiration: 0 })).toEqual({
      status: { text: "", emoji: "", expiresAt: null },
    });
    expect(normaliseProfile({ huddle_state: "default_unset" })).toEqual({
      status: { text: "", emoji: "", expiresAt: null },
      huddle: { inHuddle: false },
    });
  });

  it("dnd_updated carries the snooze; dnd_updated_user does not (null: read dnd.info instead)", () => {
    expect(normaliseDnd({ dnd_enabled: true, snooze_enabled: true, snooze_endtime: 1_450_373_897 })).toEqual({
      dnd: { snoozed: true, until: 1_450_373_897_000 },
    });
    expect(normaliseDnd({ dnd_enabled: true, snooze_enabled: false })).toEqual({
      dnd: { snoozed: false, until: null },
    });
    expect(normaliseDnd({ dnd_enabled: true, next_dnd_start_ts: 1, next_dnd_end_ts: 2 } as never)).toBeNull();
  });
});
