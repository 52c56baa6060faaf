import { listSyncEvents } from "@presence/db";
import { slackSignature } from "@presence/slack-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { eventually, startHarness, type Harness } from "../testing/bridge-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    emulator: { delivery: { ackTimeoutMs: 2000, retryDelaysMs: [300, 600, 1200], eventsPerWindow: 1000 } },
  });
  await h.install();
});
afterAll(async () => {
  await h?.stop();
});

function grace() {
  return h.person(1);
}

/** A realistic user_change envelope for grace (as Slack would sign and post it), or one of its copies. */
function userChangeBody(eventId: string, type = "user_change"): string {
  return JSON.stringify({
    token: h.app.verificationToken,
    team_id: h.workspace.id,
    api_app_id: h.app.id,
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: h.workspace.id,
        user_id: grace().id,
        is_bot: false,
        is_enterprise_install: false,
      },
    ],
    event: {
      type,
      user: {
        id: grace().id,
        team_id: h.workspace.id,
        profile: { status_text: "Forged", status_emoji: ":skull:", status_expiration: 0 },
      },
      event_ts: "1700000000.000100",
    },
  });
}

async function post(
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; inbound: number; jobs: number }> {
  const response = await fetch(`${h.url}/slack/events`, { method: "POST", body, headers });
  await response.arrayBuffer();
  return { status: response.status, ...(await stored()) };
}

async function stored(): Promise<{ inbound: number; jobs: number }> {
  const [row] = await h.t.db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'observe'`;
  return { inbound: await h.t.db.inboundEvent.count(), jobs: Number(row?.n ?? 0) };
}

describe("HTTP receiver (Bolt ExpressReceiver on /slack/events)", () => {
  it("a Slack status change becomes an observe job and, through the pipeline, a decision", async () => {
    const link = await h.link(grace());
    h.slack.control.setStatus({ userId: grace().id, text: "Lunch", emoji: ":sandwich:", expiration: 0 });
    const [change] = await h.slack.control.waitForDeliveries({ appId: h.app.id, eventType: "user_change" });
    expect(change?.attempts.at(-1)).toMatchObject({ outcome: "ok", status: 200 });
    await h.idle();
    // The change's event was taken in (by event_id) and decided on; the app subscribes to user_change alone.
    const eventIds = (await h.t.db.inboundEvent.findMany()).map((e) => e.eventId);
    expect(eventIds).toEqual([change?.eventId]);
    expect(h.slack.control.deliveries({ appId: h.app.id }).map((d) => d.eventType)).toEqual(["user_change"]);
    const events = await listSyncEvents(h.t.db, { linkId: link.id });
    const sources = events.map((e) => (e.detail as { source?: string }).source);
    expect(sources).toContain("slack:user_change");
    const side = await h.t.db.linkSide.findUniqueOrThrow({
      where: { linkId_side: { linkId: link.id, side: "slack" } },
    });
    expect(side.view).toMatchObject({ status: { text: "Lunch", emoji: ":sandwich:", expiresAt: null } });
    // The decision: the person's own Slack status goes to Teams as a status message.
    expect(h.teamsWrites.filter((w) => w.linkId === link.id).map((w) => w.op)).toContainEqual(
      expect.objectContaining({ facet: "statusMessage", action: "set" }),
    );
  });

  it("refuses a bad signature, a stale timestamp, missing headers and a malformed body (4xx, nothing stored)", async () => {
    await h.idle();
    const before = await stored();
    const now = Math.floor(Date.now() / 1000);
    const body = userChangeBody("EvFORGED0001");
    const good = slackSignature(h.app.signingSecret, now, body);
    const json = { "content-type": "application/json" };

    const badSignature = await post(body, {
      ...json,
      "x-slack-request-timestamp": String(now),
      "x-slack-signature": slackSignature("not-the-signing-secret", now, body),
    });
    const tampered = await post(body.replace("Forged", "Forgex"), {
      ...json,
      "x-slack-request-timestamp": String(now),
      "x-slack-signature": good,
    });
    const stale = now - 6 * 60;
    const staleTimestamp = await post(body, {
      ...json,
      "x-slack-request-timestamp": String(stale),
      "x-slack-signature": slackSignature(h.app.signingSecret, stale, body),
    });
    const missingHeaders = await post(body, json);
    const malformed = "{not json";
    const malformedBody = await post(malformed, {
      ...json,
      "x-slack-request-timestamp": String(now),
      "x-slack-signature": slackSignature(h.app.signingSecret, now, malformed),
    });

    expect(badSignature).toEqual({ status: 401, ...before });
    expect(tampered).toEqual({ status: 401, ...before });
    expect(staleTimestamp).toEqual({ status: 401, ...before });
    expect(missingHeaders).toEqual({ status: 401, ...before });
    expect(malformedBody).toEqual({ status: 400, ...before });
    const metrics = await h.runtime.metrics.registry.getSingleMetricAsString(
      "presence_slack_rejected_requests_total",
    );
    expect(metrics).toMatch(/status="401"[^\n]* 4/);
    expect(metrics).toMatch(/status="400"[^\n]* 1/);

    // The same request correctly signed is taken in, once: a retry with the same event_id is a duplicate.
    const accepted = await post(body, {
      ...json,
      "x-slack-request-timestamp": String(now),
      "x-slack-signature": good,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.inbound).toBe(before.inbound + 1);
    const retried = await post(body, {
      ...json,
      "x-slack-request-timestamp": String(now),
      "x-slack-signature": good,
      "x-slack-retry-num": "1",
      "x-slack-retry-reason": "http_timeout",
    });
    expect(retried.status).toBe(200);
    expect(retried.inbound).toBe(accepted.inbound);
  });

  it("acknowledges the copies of user_change an app set up from an older manifest receives, storing nothing", async () => {
    await h.idle();
    const before = await stored();
    const now = Math.floor(Date.now() / 1000);
    const json = { "content-type": "application/json" };
    for (const [n, type] of ["user_status_changed", "user_huddle_changed"].entries()) {
      const body = userChangeBody(`EvCOPY000${n}`, type);
      const answer = await post(body, {
        ...json,
        "x-slack-request-timestamp": String(now),
        "x-slack-signature": slackSignature(h.app.signingSecret, now, body),
      });
      expect(answer).toEqual({ status: 200, ...before });
    }
    const metrics = await h.runtime.metrics.registry.getSingleMetricAsString("presence_inbound_total");
    expect(metrics).toMatch(/source="slack:user_status_changed",result="copy_of_user_change"[^\n]* 1/);
    expect(metrics).toMatch(/source="slack:user_huddle_changed",result="copy_of_user_change"[^\n]* 1/);
  });

  it("answers non-2xx when the observation cannot be stored, so Slack retries and nothing is lost", async () => {
    const link =
      (await h.t.db.link.findFirst({ where: { slackUserId: grace().id } })) ?? (await h.link(grace()));
    await h.idle();
    await h.t.db.$executeRawUnsafe(`ALTER TABLE "InboundEvent" RENAME TO "InboundEventAway"`);
    try {
      h.slack.control.setStatus({ userId: grace().id, text: "Commuting", emoji: ":bus:", expiration: 0 });
      await eventually(() => {
        const [delivery] = h.deliveriesAbout("Commuting", "user_change");
        expect(delivery?.attempts[0]).toMatchObject({ outcome: "http_error", status: 500 });
      });
    } finally {
      await h.t.db.$executeRawUnsafe(`ALTER TABLE "InboundEventAway" RENAME TO "InboundEvent"`);
    }
    await eventually(() => {
      const [delivery] = h.deliveriesAbout("Commuting", "user_change");
      expect(delivery?.state).toBe("delivered");
      expect(delivery?.attempts.at(-1)?.retryNum).toBeGreaterThan(0);
    });
    await h.idle();
    const side = await h.t.db.linkSide.findUniqueOrThrow({
      where: { linkId_side: { linkId: link.id, side: "slack" } },
    });
    expect(side.view).toMatchObject({ status: { text: "Commuting" } });
  });

  it("answers events about people who never connected (no 401, no retry loop)", async () => {
    const linus = h.person(2);
    h.slack.control.setStatus({ userId: linus.id, text: "Reading", emoji: ":book:" });
    await h.slack.control.idle();
    const deliveries = h.deliveriesAbout("Reading");
    expect(deliveries.map((d) => d.eventType)).toEqual(["user_change"]);
    for (const delivery of deliveries)
      expect(delivery.attempts).toEqual([expect.objectContaining({ status: 200 })]);
  });
});

describe("app_rate_limited", () => {
  it("is acknowledged, logged and counted when Slack drops events over its cap", async () => {
    const capped = await startHarness({
      emulator: { delivery: { eventsPerWindow: 2, retryDelaysMs: [50, 50, 50] } },
    });
    try {
      await capped.install();
      const person = capped.person(1);
      capped.slack.control.setStatus({ userId: person.id, text: "One", emoji: ":one:" });
      capped.slack.control.setStatus({ userId: person.id, text: "Two", emoji: ":two:" });
      capped.slack.control.setStatus({ userId: person.id, text: "Three", emoji: ":three:" });
      const [limited] = await capped.slack.control.waitForDeliveries({ eventType: "app_rate_limited" });
      expect(limited?.attempts.at(-1)).toMatchObject({ outcome: "ok", status: 200 });
      const metric = await capped.runtime.metrics.registry.getSingleMetricAsString(
        "presence_slack_app_rate_limited_total",
      );
      expect(metric).toMatch(new RegExp(`team_id="${capped.workspace.id}"[^}]*} 1`));
    } finally {
      await capped.stop();
    }
  });
});
