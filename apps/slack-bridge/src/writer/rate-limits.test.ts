import { createLink, type Link } from "@presence/db";
import type { User } from "@presence/slack-emulator";
import { afterEach, describe, expect, it } from "vitest";

import { PostgresInstallationStore } from "../store/postgres-installation-store.ts";
import { startHarness, TEAMS, TENANT, type Harness } from "../testing/bridge-harness.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const USER_SCOPES = ["users.profile:read", "users.profile:write", "users:write", "dnd:read", "dnd:write"];

/**
 * `count` people who connected their Slack account and are linked, with their Slack state already
 * observed (what OAuth, the directory and the baseline read do, done directly to keep the test fast).
 */
async function population(harness: Harness, count: number): Promise<{ users: User[]; links: Link[] }> {
  const { control } = harness.slack;
  const store = new PostgresInstallationStore(harness.t.db, harness.runtime.keyRing);
  const users: User[] = [];
  const links: Link[] = [];
  for (let i = 0; i < count; i++) {
    const user = control.createUser({
      teamId: harness.workspace.id,
      name: `person${i}`,
      email: `person${i}@acme.test`,
    });
    const grant = control.authorizeUser({ appId: harness.app.id, userId: user.id, userScopes: USER_SCOPES });
    await store.storeInstallation({
      team: { id: harness.workspace.id, name: "Acme" },
      enterprise: undefined,
      isEnterpriseInstall: false,
      authVersion: "v2",
      appId: harness.app.id,
      user: { id: user.id, token: grant.token, scopes: grant.scopes },
    });
    users.push(user);
    links.push(
      await createLink(harness.t.db, {
        slackTeamId: harness.workspace.id,
        slackUserId: user.id,
        tenantId: TENANT,
        entraUserId: `44444444-4444-4444-8444-${String(i).padStart(12, "0")}`,
      }),
    );
  }
  await harness.t.db.$executeRaw`
    UPDATE "LinkSide" SET "observedAt" = now(),
      "view" = '{"status":{"text":"","emoji":"","expiresAt":null},"huddle":{"inHuddle":false},"dnd":{"snoozed":false,"until":null}}'
    WHERE "side" = 'slack'`;
  return { users, links };
}

/**
 * Echo handling is covered by the writer tests; here Slack's user events are switched off so a run
 * measures the writer and its budgets (2 echo events per write would only add load).
 */
function withoutUserEvents(harness: Harness): void {
  harness.slack.control.updateApp({
    appId: harness.app.id,
    botEvents: ["tokens_revoked", "app_uninstalled"],
    userEvents: [],
  });
}

/** Most calls within any one second. */
function busiestSecond(times: number[]): number {
  return Math.max(0, ...times.map((at) => times.filter((t) => t >= at && t < at + 1000).length));
}

function statusOf(harness: Harness, user: User): string {
  return (harness.slack.control.getProfile({ userId: user.id }) as { status_text: string }).status_text;
}

describe("Slack rate limits", () => {
  it("a 429 storm loses no final state and respects Retry-After", async () => {
    // Slack (emulated) allows 4 users.profile.set per 2-second window; the bridge believes in 50.
    h = await startHarness({
      emulator: { rateLimits: { windowMs: 2000, overrides: { "users.profile.set": 4 } } },
      env: { SLACK_RATE_LIMIT_WINDOW_MS: "2000" },
    });
    await h.install();
    const { users, links } = await population(h, 8);
    for (const link of links) await h.teamsChange(link, TEAMS.meeting);
    for (const link of links) await h.teamsChange(link, TEAMS.call);
    await h.idle(60_000);

    for (const user of users) expect(statusOf(h, user)).toBe("In a call (via Teams)");
    const calls = h.slack.control.calls({ method: "users.profile.set" });
    const limited = calls.filter((c) => c.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    // After a 429 the bridge sends no users.profile.set until its Retry-After has passed (calls
    // already on their way when the 429 came back aside).
    for (const refusal of limited) {
      const until = refusal.at + (refusal.retryAfter ?? 0) * 1000;
      const early = calls.filter((c) => c.at > refusal.at + 250 && c.at < until - 50);
      expect(early.map((c) => ({ at: c.at - refusal.at, status: c.status }))).toEqual([]);
    }
    const audit = await h.t.db.syncEvent.groupBy({ by: ["kind"], _count: { _all: true } });
    expect(audit.find((a) => a.kind === "rate_limited")?._count._all).toBeGreaterThan(0);
    expect(audit.find((a) => a.kind === "failed")).toBeUndefined();
  });

  it("the shared budget paces writes: Slack never answers 429, held-back writes come back one by one", async () => {
    // users.profile.set: 5 per one-second window (0.1 × Tier 3), in Slack and in the bridge's budget.
    h = await startHarness({
      emulator: { rateLimits: { windowMs: 1000, multiplier: 0.1 } },
      env: { SLACK_RATE_LIMIT_WINDOW_MS: "1000", SLACK_RATE_LIMIT_SCALE: "0.1" },
    });
    await h.install();
    withoutUserEvents(h);
    const { users, links } = await population(h, 30);
    await Promise.all(links.map((link) => h?.teamsChange(link, TEAMS.meeting)));
    await h.idle(60_000);

    for (const user of users) expect(statusOf(h, user)).toBe("In a meeting (via Teams)");
    const calls = h.slack.control.calls({ method: "users.profile.set" });
    expect(calls.filter((c) => c.status === 429)).toEqual([]);
    expect(calls).toHaveLength(30);
    expect(busiestSecond(calls.map((c) => c.at))).toBeLessThanOrEqual(5);
    // The budget was the limit: writes were held back (and rescheduled), not sent to be refused.
    const waits = await h.runtime.metrics.registry.getSingleMetricAsString(
      "presence_slack_rate_budget_waits_total",
    );
    expect(waits).toMatch(/method="users\.profile\.set"[^}]*} [1-9]/);
    const held = await h.t.db.syncEvent.count({ where: { kind: "rate_limited" } });
    expect(held).toBeGreaterThanOrEqual(20);
    // Turned-away writes were given turns one after another, not all the same moment: few came back too early.
    expect(held).toBeLessThan(30 * 3);
  });

  it("a burst of 500 people stays inside Slack's budgets and everyone ends with the newest state", async () => {
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
    // Everyone's meeting starts at :00, and each turns into a call a moment later.
    for (let i = 0; i < links.length; i += 25) {
      await Promise.all(
        links.slice(i, i + 25).map(async (link) => {
          await h?.teamsChange(link, TEAMS.meeting);
          await h?.teamsChange(link, TEAMS.call);
        }),
      );
    }
    await h.idle(150_000);
    const elapsed = Date.now() - started;

    const wrong = users.filter((user) => statusOf(h as Harness, user) !== "In a call (via Teams)");
    expect(wrong.map((u) => u.name)).toEqual([]);
    const calls = h.slack.control.calls({ method: "users.profile.set" });
    const refused = calls.filter((c) => c.status === 429).length;
    expect(refused).toBeLessThanOrEqual(3);
    const accepted = calls.filter((c) => c.status === 200).map((c) => c.at);
    expect(busiestSecond(accepted)).toBeLessThanOrEqual(20);
    console.info(
      `burst: ${accepted.length} writes for 500 people (${refused} refused by Slack) in ${elapsed} ms, busiest second ${busiestSecond(accepted)}`,
    );
  }, 180_000);
});
