import { getCredential } from "@presence/db";
import { addJob } from "@presence/pipeline";
import { createMetrics } from "@presence/telemetry";
import { afterEach, describe, expect, it } from "vitest";

import { RateBudgets } from "./rate-budgets.ts";
import { SlackApi } from "../client/slack-api.ts";
import { createSlackMetrics } from "../slack-metrics.ts";
import { REFRESH_TOKENS_TASK } from "../jobs/slack-tasks.ts";
import { startHarness, TEAMS, type Harness } from "../testing/bridge-harness.ts";
import { CREDENTIAL } from "./installation-rows.ts";
import { SlackTokens } from "./slack-tokens.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Rotating tokens that live one hour: inside the two hours in which the bridge refreshes them. */
async function rotating(): Promise<Harness> {
  const harness = await startHarness({ tokenRotation: true, emulator: { tokenLifetimeSeconds: 3600 } });
  await harness.install();
  expect((await harness.connect(harness.person(1).id)).status).toBe(200);
  return harness;
}

/** Another replica's token service on the same store. */
function replica(harness: Harness): SlackTokens {
  const metrics = createSlackMetrics(createMetrics("replica").registry);
  const api = new SlackApi({
    apiUrl: harness.slack.apiUrl,
    budgets: new RateBudgets(harness.t.db, { windowMs: 60_000, guardMs: 1000 }),
    scale: 1,
    metrics,
    logger: harness.runtime.logger,
  });
  return new SlackTokens({
    db: harness.t.db,
    ring: harness.runtime.keyRing,
    api,
    clientId: harness.app.clientId,
    clientSecret: harness.app.clientSecret,
    metrics,
    logger: harness.runtime.logger,
    now: () => Date.now(),
  });
}

function refreshCalls(harness: Harness) {
  return harness.slack.control
    .calls({ method: "oauth.v2.access" })
    .filter((c) => c.args.grant_type === "refresh_token");
}

describe("token rotation", () => {
  it("the refresh cron renews every token expiring within 2 h, spending each single-use refresh token once", async () => {
    h = await rotating();
    const before = await h.t.db.credential.findMany({
      where: { kind: { in: [CREDENTIAL.bot, CREDENTIAL.user] } },
    });
    expect(before).toHaveLength(3);
    for (const c of before) expect(c.expiresAt?.getTime()).toBeLessThan(Date.now() + 3600_000 + 5000);

    await addJob(h.t.db, REFRESH_TOKENS_TASK, {});
    await h.idle();
    expect(refreshCalls(h).map((c) => c.status)).toEqual([200, 200, 200]);
    const grace = h.person(1).id;
    const owner = `slack:${h.workspace.id}:${grace}`;
    const renewed = await getCredential(h.t.db, h.runtime.keyRing, CREDENTIAL.user, owner);
    expect(renewed?.secret).toMatch(/^xoxe\.xoxp-/);
    const answer = refreshCalls(h).find((c) => (c.response as { user_id?: string }).user_id === grace)
      ?.response as {
      access_token: string;
    };
    expect(renewed?.secret).toBe(answer.access_token);

    // Again (still inside 2 h of expiry): the new refresh tokens work, none is reused.
    await addJob(h.t.db, REFRESH_TOKENS_TASK, {});
    await h.idle();
    expect(refreshCalls(h).map((c) => c.error)).toEqual([null, null, null, null, null, null]);
  });

  it("two replicas refreshing the same token at once spend its refresh token once", async () => {
    h = await rotating();
    const owner = `slack:${h.workspace.id}:${h.person(1).id}`;
    // Both saw the same token about to expire …
    const seen = await getCredential(h.t.db, h.runtime.keyRing, CREDENTIAL.user, owner);
    const when = { aheadMs: 2 * 3600_000, seenExpiresAt: seen?.expiresAt ?? null };
    const [a, b] = await Promise.all([
      replica(h).refresh(CREDENTIAL.user, owner, when),
      replica(h).refresh(CREDENTIAL.user, owner, when),
    ]);
    expect(a).toBe(b);
    expect(refreshCalls(h)).toHaveLength(1);
  });

  it("token_expired while writing: refreshed and the call retried", async () => {
    h = await rotating();
    const grace = h.person(1);
    const link = await h.link(grace);
    // Slack's clock moves 2 h on; the bridge still believes the token is good for another hour.
    h.slack.control.advanceTime({ ms: 2 * 3600_000 });
    await h.teamsChange(link, TEAMS.meeting);
    await h.idle();
    const writes = h.slack.control.calls({ method: "users.profile.set" });
    expect(writes.map((c) => c.error ?? c.status)).toEqual(["token_expired", 200]);
    expect(
      refreshCalls(h).filter((c) => (c.response as { user_id?: string }).user_id === grace.id),
    ).toHaveLength(1);
    expect(h.slack.control.getProfile({ userId: grace.id })).toMatchObject({
      status_text: "In a meeting (via Teams)",
    });
  });
});
