import { afterEach, describe, expect, it } from "vitest";

import { startHarness, TEAMS, type Harness } from "../testing/bridge-harness.ts";
import { busiestWindow, population, statusOf, withoutUserEvents } from "../testing/population.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe("a burst", () => {
  it("of 500 people stays inside Slack's budgets and everyone ends with the newest state", async () => {
    // users.profile.set: 20 per one-second window (0.4 × Tier 3) per workspace, for all tokens together.
    h = await startHarness({
      emulator: { rateLimits: { windowMs: 1000, multiplier: 0.4 } },
      env: { SLACK_RATE_LIMIT_WINDOW_MS: "1000", SLACK_RATE_LIMIT_SCALE: "0.4" },
      workerConcurrency: 16,
    });
    await h.install();
    withoutUserEvents(h);
    const { users, links } = await population(h, 500);
    const started = Date.now();
    // Everyone's meeting starts at :00 (coalescing of quick successive changes: the pacing test).
    for (let i = 0; i < links.length; i += 25) {
      await Promise.all(links.slice(i, i + 25).map((link) => h?.teamsChange(link, TEAMS.meeting)));
    }
    await h.idle(150_000);
    const elapsed = Date.now() - started;

    const wrong = users.filter((user) => statusOf(h as Harness, user) !== "In a meeting (via Teams)");
    expect(wrong.map((u) => u.name)).toEqual([]);
    const calls = h.slack.control.calls({ method: "users.profile.set" });
    const refused = calls.filter((c) => c.status === 429).length;
    expect(refused).toBeLessThanOrEqual(3);
    const accepted = calls.filter((c) => c.status === 200).map((c) => c.at);
    expect(busiestWindow(accepted)).toBeLessThanOrEqual(20);
    console.info(
      `burst: ${accepted.length} writes for 500 people (${refused} refused by Slack) in ${elapsed} ms, busiest second ${busiestWindow(accepted)}`,
    );
  }, 180_000);
});
