import { deleteCredentials } from "@presence/db";
import { createMetrics } from "@presence/telemetry";
import { afterEach, describe, expect, it } from "vitest";

import { SlackApi } from "../client/slack-api.ts";
import { createSlackMetrics } from "../slack-metrics.ts";
import { startHarness, type Harness } from "../testing/bridge-harness.ts";
import { RateBudgets } from "./rate-budgets.ts";
import { SlackTokens, TOKEN_CACHE_TTL_MS } from "./slack-tokens.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Another replica's Slack client and tokens on the same store, with a clock of its own. */
function replica(harness: Harness, now: () => number): { api: SlackApi; tokens: SlackTokens } {
  const metrics = createSlackMetrics(createMetrics("replica").registry);
  const api = new SlackApi({
    apiUrl: harness.slack.apiUrl,
    budgets: new RateBudgets(harness.t.db, { windowMs: 60_000, guardMs: 1000 }),
    scale: 1,
    metrics,
    logger: harness.runtime.logger,
  });
  const tokens = new SlackTokens({
    db: harness.t.db,
    ring: harness.runtime.keyRing,
    api,
    clientId: harness.app.clientId,
    clientSecret: harness.app.clientSecret,
    metrics,
    logger: harness.runtime.logger,
    now,
  });
  return { api, tokens };
}

const statusArgs = { profile: { status_text: "Cached", status_emoji: ":memo:" } };

describe("the token cache", () => {
  it("serves a person's token from memory for a short while after reading it", async () => {
    h = await startHarness();
    await h.install();
    const grace = h.person(1);
    expect((await h.connect(grace.id)).status).toBe(200);
    let now = Date.now();
    const { tokens } = replica(h, () => now);
    const first = await tokens.person(grace.teamId, grace.id);
    expect(first?.token).toMatch(/^xoxp-/);

    // Gone from the store behind this process's back: its copy serves until it lapses.
    await deleteCredentials(h.t.db, `slack:${grace.teamId}:${grace.id}`);
    expect((await tokens.person(grace.teamId, grace.id))?.token).toBe(first?.token);
    now += TOKEN_CACHE_TTL_MS + 1;
    expect(await tokens.person(grace.teamId, grace.id)).toBeNull();
  });

  it("drops a token Slack refuses before the caller sees the error, and retries once with a token stored since", async () => {
    h = await startHarness();
    await h.install();
    const grace = h.person(1);
    expect((await h.connect(grace.id)).status).toBe(200);
    const { api, tokens } = replica(h, () => Date.now());
    const budget = { teamId: grace.teamId, profileTarget: grace.id };
    const stale = await tokens.person(grace.teamId, grace.id);
    if (!stale) throw new Error("grace has no token");

    // Revoked and connected again (another replica took both in) while this one holds the old token.
    h.slack.control.revokeToken({ token: stale.token });
    await h.idle();
    expect((await h.connect(grace.id)).status).toBe(200);
    h.slack.control.clearCalls({});
    await api.call("users.profile.set", stale, statusArgs, budget);
    const writes = h.slack.control.calls({ method: "users.profile.set" });
    expect(writes.map((c) => c.error ?? c.status)).toEqual(["token_revoked", 200]);
    const fresh = await tokens.person(grace.teamId, grace.id);
    if (!fresh) throw new Error("grace's new token is not served");
    expect(fresh.token).not.toBe(stale.token);

    // Revoked with nothing stored since: the error reaches the caller (which flags the link), and the
    // copy in memory is gone already — within its lifetime, no lease is served any more.
    h.slack.control.revokeToken({ token: fresh.token });
    await h.idle();
    await expect(api.call("users.profile.set", fresh, statusArgs, budget)).rejects.toMatchObject({
      code: "auth_revoked",
    });
    expect(await tokens.person(grace.teamId, grace.id)).toBeNull();
  });
});
