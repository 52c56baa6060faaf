import { describe, expect, it } from "vitest";

import type { SlackView, TeamsView } from "../model/facets.ts";
import { defaultSettings } from "../policy/policy.ts";
import { defaultRuleSet } from "../rules/default-rules.ts";
import { MemoryBridge } from "../testing/memory-bridge.ts";
import { reconsider } from "./decide.ts";
import type { Observation } from "./types.ts";

const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);
const rules = defaultRuleSet();

let seq = 0;
function slack(facets: SlackView, version = `${1_790_000_000 + ++seq}.000100`): Observation {
  return { side: "slack", facets, version, observedAt: T0 };
}
function teams(facets: TeamsView, version = String(++seq).padStart(12, "0")): Observation {
  return { side: "teams", facets, version, observedAt: T0 };
}
const meeting: TeamsView = {
  presence: { availability: "Busy", activity: "InAMeeting" },
  outOfOffice: { isOutOfOffice: false },
};
const available: TeamsView = {
  presence: { availability: "Available", activity: "Available" },
  outOfOffice: { isOutOfOffice: false },
};
const noStatus: SlackView = { status: { text: "", emoji: "", expiresAt: null }, huddle: { inHuddle: false } };

function bridge(options: ConstructorParameters<typeof MemoryBridge>[0] | object = {}) {
  const b = new MemoryBridge({ rules, ...options });
  b.observe(slack(noStatus), T0);
  b.observe(teams(available), T0);
  b.pendingWrites.clear();
  b.events = [];
  return b;
}

describe("decide", () => {
  it("mirrors a Teams meeting to Slack and holds it", () => {
    const b = bridge();
    const decision = b.observe(teams(meeting), T0);
    expect(decision.writes).toEqual(["slack"]);
    expect(b.link.slack.hold.status?.text).toBe("In a meeting (via Teams)");
    expect(decision.events.map((e) => e.kind)).toContain("mirrored");
  });

  it("keeps the person's own Slack status (respectManualStatus), then applies the meeting once they clear it", () => {
    const b = bridge();
    b.observe(slack({ status: { text: "Lunch", emoji: ":hamburger:", expiresAt: null } }), T0);
    const kept = b.observe(teams(meeting), T0);
    expect(kept.events.map((e) => e.kind)).toContain("manual_kept");
    expect(b.link.slack.hold.status).toBeUndefined();
    const cleared = b.observe(slack({ status: { text: "", emoji: "", expiresAt: null } }), T0);
    expect(cleared.writes).toContain("slack");
    expect(b.link.slack.hold.status?.text).toBe("In a meeting (via Teams)");
  });

  it("drops stale input: an older Slack event after a newer one", () => {
    const b = bridge();
    b.observe(
      slack({ status: { text: "Lunch", emoji: ":hamburger:", expiresAt: null } }, "1800000010.000000"),
      T0,
    );
    const stale = b.observe(
      slack({ status: { text: "Focus", emoji: ":headphones:", expiresAt: null } }, "1800000005.000000"),
      T0,
    );
    expect(stale.events.map((e) => e.kind)).toEqual(["stale_dropped"]);
    expect(b.link.slack.view.status?.text).toBe("Lunch");
  });

  it("drops a duplicate (same state again, e.g. user_status_changed after user_change)", () => {
    const b = bridge();
    const lunch = { status: { text: "Lunch", emoji: ":hamburger:", expiresAt: null } };
    b.observe(slack(lunch, "1800000010.000000"), T0);
    expect(b.observe(slack(lunch, "1800000010.000000"), T0).events.map((e) => e.kind)).toEqual([
      "duplicate_dropped",
    ]);
  });

  it("a paused link mirrors nothing but keeps observing", () => {
    const b = bridge({ link: { status: "paused", pausedUntil: T0 + 60_000 } });
    const decision = b.observe(teams(meeting), T0);
    expect(decision.writes).toEqual([]);
    expect(decision.events.map((e) => e.kind)).toEqual(["paused"]);
    expect(b.link.teams.view.presence?.activity).toBe("InAMeeting");
    expect(b.observe(teams(available), T0 + 120_000).writes).toEqual([]); // pause over: mirrored again, nothing to write
  });

  it("respects the direction: Teams → Slack only", () => {
    const b = bridge({ link: { direction: "teamsToSlack" } });
    const decision = b.observe(slack({ huddle: { inHuddle: true } }), T0);
    expect(decision.writes).toEqual([]);
    expect(decision.events.map((e) => e.kind)).toContain("direction_off");
  });

  it("lets go when the person replaces the bridge's status; once theirs is gone the meeting shows again", () => {
    const b = bridge();
    b.observe(teams(meeting), T0);
    b.write("slack", T0, () => undefined);
    const replaced = b.observe(
      slack({ status: { text: "Heads down", emoji: ":headphones:", expiresAt: null } }),
      T0,
    );
    expect(replaced.events.map((e) => e.kind)).toContain("ownership_released");
    expect(b.link.slack.hold.status).toBeUndefined();
    expect(b.link.slack.written.status).toBeUndefined();
    const cleared = b.observe(slack({ status: { text: "", emoji: "", expiresAt: null } }), T0);
    expect(cleared.writes).toEqual(["slack", "teams"]);
    expect(b.link.slack.hold.status?.text).toBe("In a meeting (via Teams)");
  });

  it("when the person clears the bridge's status, it is not written straight back", () => {
    const b = bridge();
    b.observe(teams(meeting), T0);
    b.write("slack", T0, () => undefined);
    const echo = b.observe(
      slack({ status: { ...(b.link.slack.hold.status ?? { text: "", emoji: "", expiresAt: null }) } }),
      T0,
    );
    expect(echo.events.map((e) => e.kind)).toEqual(["echo_dropped"]);
    const cleared = b.observe(slack({ status: { text: "", emoji: "", expiresAt: null } }), T0);
    expect(cleared.events.map((e) => e.kind)).toContain("ownership_released");
    expect(cleared.writes).toEqual([]);
    expect(b.link.slack.hold.status).toBeUndefined();
  });

  it("mostRestrictiveWins: the person's own Slack DND keeps a Teams meeting off Slack", () => {
    const b = bridge({ policy: { conflictPolicy: "mostRestrictiveWins" } });
    b.observe(slack({ dnd: { snoozed: true, until: null } }), T0);
    const decision = b.observe(teams(meeting), T0);
    expect(decision.events.map((e) => e.kind)).toContain("conflict_resolved");
    expect(b.link.slack.hold).toEqual({});
    expect(b.link.teams.hold.session).toEqual({
      availability: "DoNotDisturb",
      activity: "Presenting",
      keepAlive: false,
    });
  });

  it("trips the flap breaker: too many writes in the window pause the link", () => {
    const b = bridge({ settings: { ...defaultSettings(), flapMaxWrites: 3 } });
    const states = [meeting, available];
    let paused = false;
    for (let i = 0; i < 10 && !paused; i++) {
      const decision = b.observe(teams(states[i % 2] ?? available), T0 + i * 1000);
      for (const side of decision.writes) b.write(side, T0 + i * 1000, () => undefined);
      paused = decision.pause !== null;
    }
    expect(paused).toBe(true);
    expect(b.link.status).toBe("paused");
    expect(b.events.map((e) => e.kind)).toContain("flap_paused");
  });

  it("a Teams change caused by the bridge's own session is mirrored onward but never re-decides Teams", () => {
    const b = bridge();
    b.observe(slack({ huddle: { inHuddle: true } }), T0);
    b.write("teams", T0, () => undefined);
    // The person's preferred Do not disturb takes effect once a session exists.
    const induced = b.observe(
      teams({ ...available, presence: { availability: "DoNotDisturb", activity: "DoNotDisturb" } }),
      T0,
    );
    expect(induced.events.some((e) => e.kind === "echo_dropped" && e.detail.by === "aggregation")).toBe(true);
    expect(induced.writes).toEqual(["slack"]);
  });

  it("reconsider: turning sharing into Slack off lets go of what the bridge wrote there", () => {
    const b = bridge();
    b.observe(teams(meeting), T0);
    b.write("slack", T0, () => undefined);
    b.link = { ...b.link, direction: "slackToTeams" };
    const decision = reconsider(
      { link: b.link, expectations: [], rules, settings: b.settings, now: T0, recentWrites: 0 },
      "direction changed",
    );
    expect(decision.writes).toEqual(["slack"]);
    expect(decision.slack.hold).toEqual({});
    expect(decision.events.map((e) => e.kind)).toEqual(["direction_off"]);
    expect(decision.events[0]?.detail).toMatchObject({ reason: "direction changed" });
  });

  it("reconsider: a paused link holds nothing; resumed, it holds the other side's state again", () => {
    const b = bridge();
    b.observe(teams(meeting), T0);
    const paused = reconsider(
      {
        link: { ...b.link, status: "paused" },
        expectations: [],
        rules,
        settings: b.settings,
        now: T0,
        recentWrites: 0,
      },
      "paused",
    );
    expect(paused.writes).toEqual(["slack"]);
    expect(paused.slack.hold).toEqual({});
    const resumed = reconsider(
      {
        link: { ...b.link, slack: paused.slack, teams: paused.teams },
        expectations: [],
        rules,
        settings: b.settings,
        now: T0,
        recentWrites: 0,
      },
      "resumed",
    );
    expect(resumed.writes).toEqual(["slack"]);
    expect(resumed.slack.hold.status?.text).toBe("In a meeting (via Teams)");
  });

  it("reconsider with nothing to change writes nothing and says nothing", () => {
    const b = bridge();
    b.observe(teams(meeting), T0);
    const again = reconsider(
      { link: b.link, expectations: [], rules, settings: b.settings, now: T0, recentWrites: 0 },
      "rules changed",
    );
    expect(again.writes).toEqual([]);
    expect(again.events).toEqual([]);
  });
});
