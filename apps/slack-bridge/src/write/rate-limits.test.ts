import { afterEach, describe, expect, it } from "vitest";

import { startHarness, TEAMS, type Harness } from "../testing/bridge-harness.ts";
import { busiestWindow, population, statusOf, withoutUserEvents } from "../testing/population.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe("Slack rate limits", () => {
  it("a 429 storm loses no final state and respects Retry-After", async () => {
    // Slack (emulated) allows 4 users.profile.set per 3-second window; the bridge believes in 50.
    h = await startHarness({
      emulator: { rateLimits: { windowMs: 3000, overrides: { "users.profile.set": 4 } } },
      env: { SLACK_RATE_LIMIT_WINDOW_MS: "3000" },
    });
    await h.install();
    const { users, links } = await population(h, 6);
    for (const link of links) await h.teamsChange(link, TEAMS.meeting);
    for (const link of links) await h.teamsChange(link, TEAMS.call);
    await h.idle(60_000);

    for (const user of users) expect(statusOf(h, user)).toBe("In a call (via Teams)");
    const calls = h.slack.control.calls({ method: "users.profile.set" });
    const limited = calls.filter((c) => c.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    // After a 429 the bridge sends no users.profile.set until its Retry-After has passed (calls
    // already on their way when the 429 came back aside: they left within the next moments).
    for (const refusal of limited) {
      const until = refusal.at + (refusal.retryAfter ?? 0) * 1000;
      const early = calls.filter((c) => c.at > refusal.at + 750 && c.at < until - 50);
      expect(early.map((c) => ({ at: c.at - refusal.at, status: c.status }))).toEqual([]);
    }
    const audit = await h.t.db.syncEvent.groupBy({ by: ["kind"], _count: { _all: true } });
    expect(audit.find((a) => a.kind === "rate_limited")?._count._all).toBeGreaterThan(0);
    expect(audit.find((a) => a.kind === "failed")).toBeUndefined();
  });

  it("the shared budget paces writes: Slack never answers 429, held-back writes come back one by one", async () => {
    // users.profile.set: 5 per two-second window (0.1 × Tier 3), in Slack and in the bridge's budget —
    // slower than the pipeline, so the budget is what limits.
    h = await startHarness({
      emulator: { rateLimits: { windowMs: 2000, multiplier: 0.1 } },
      env: { SLACK_RATE_LIMIT_WINDOW_MS: "2000", SLACK_RATE_LIMIT_SCALE: "0.1" },
    });
    await h.install();
    withoutUserEvents(h);
    const { users, links } = await population(h, 20);
    // Everyone's meeting starts at :00 and turns into a call a moment later.
    for (const link of links) {
      await h.teamsChange(link, TEAMS.meeting);
      await h.teamsChange(link, TEAMS.call);
    }
    await h.idle(60_000);

    for (const user of users) expect(statusOf(h, user)).toBe("In a call (via Teams)");
    const calls = h.slack.control.calls({ method: "users.profile.set" });
    expect(calls.filter((c) => c.status === 429)).toEqual([]);
    // A write held back carries the newest state only: one call per person (but for the first
    // window's worth, which may have gone out before the call was known).
    expect(calls.length).toBeGreaterThanOrEqual(20);
    expect(calls.length).toBeLessThanOrEqual(25);
    expect(
      busiestWindow(
        calls.map((c) => c.at),
        2000,
      ),
    ).toBeLessThanOrEqual(5);
    // The budget was the limit: writes were held back (and rescheduled), not sent to be refused.
    const waits = await h.runtime.metrics.registry.getSingleMetricAsString(
      "presence_slack_rate_budget_waits_total",
    );
    expect(waits).toMatch(/method="users\.profile\.set"[^}]*} [1-9]/);
    const held = await h.t.db.syncEvent.count({ where: { kind: "rate_limited" } });
    expect(held).toBeGreaterThanOrEqual(12);
    // Turned-away writes were given turns one after another, not all the same moment: few came back too early.
    expect(held).toBeLessThan(20 * 3);
  });
});
