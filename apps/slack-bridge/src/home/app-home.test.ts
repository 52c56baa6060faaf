import { readConnectState } from "@presence/services";
import { slackSignature } from "@presence/slack-emulator";
import { afterEach, describe, expect, it } from "vitest";

import { startHarness, type Harness } from "../testing/bridge-harness.ts";
import { ACTION } from "./home-view.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

function grace(harness: Harness) {
  return harness.person(1);
}

/** Posts a form body to the bridge the way Slack does: signed with the app's signing secret. */
async function signedPost(harness: Harness, path: string, form: Record<string, string>, sign = true) {
  const body = new URLSearchParams(form).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(`${harness.url}${path}`, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": sign ? slackSignature(harness.app.signingSecret, timestamp, body) : "v0=00",
    },
  });
  return { status: response.status, text: await response.text() };
}

/** A block_actions payload from grace's Home tab. */
function homeAction(harness: Harness, action: Record<string, unknown>) {
  const user = grace(harness);
  return signedPost(harness, "/slack/interactivity", {
    payload: JSON.stringify({
      type: "block_actions",
      user: { id: user.id, username: user.name, team_id: harness.workspace.id },
      api_app_id: harness.app.id,
      token: harness.app.verificationToken,
      container: { type: "view", view_id: "VHOME" },
      trigger_id: "1.2.3",
      team: { id: harness.workspace.id, domain: "acme" },
      enterprise: null,
      is_enterprise_install: false,
      actions: [{ block_id: "b1", action_ts: "1700000000.000001", ...action }],
    }),
  });
}

function command(harness: Harness, text: string) {
  const user = grace(harness);
  return signedPost(harness, "/slack/commands", {
    token: harness.app.verificationToken,
    team_id: harness.workspace.id,
    team_domain: "acme",
    channel_id: "D0HOME",
    user_id: user.id,
    user_name: user.name,
    command: "/presence",
    text,
    api_app_id: harness.app.id,
    is_enterprise_install: "false",
    response_url: "https://hooks.slack.test/commands/1",
    trigger_id: "1.2.3",
  });
}

function homeText(harness: Harness): string {
  const view = harness.slack.control.homeViews().find((v) => v.userId === grace(harness).id);
  return JSON.stringify(view?.view ?? null);
}

async function openHome(harness: Harness) {
  const before = harness.slack.control.calls({ method: "views.publish" }).length;
  harness.slack.control.openAppHome({ appId: harness.app.id, userId: grace(harness).id });
  await harness.slack.control.idle();
  // Published by a job, after the event was acknowledged.
  await harness.idle();
  expect(harness.slack.control.calls({ method: "views.publish" }).length).toBe(before + 1);
}

describe("App Home and /presence", () => {
  it("someone not linked yet sees signed connect links for Slack and Microsoft", async () => {
    h = await startHarness();
    await h.install();
    await openHome(h);
    const view = h.slack.control.homeViews().find((v) => v.userId === grace(h as Harness).id)?.view as {
      blocks: { accessory?: { url?: string; action_id?: string } }[];
    };
    const urls = view.blocks.map((b) => b.accessory?.url).filter((u): u is string => typeof u === "string");
    const microsoft = urls.find((u) => u.startsWith(`${h?.url}/graph/connect?state=`));
    const slack = urls.find((u) => u.startsWith(`${h?.url}/slack/connect?state=`));
    const person = { teamId: h.workspace.id, userId: grace(h).id };
    for (const [url, connect] of [
      [microsoft, "microsoft"],
      [slack, "slack"],
    ] as const) {
      const state = new URL(url ?? "http://x/").searchParams.get("state") ?? "";
      expect(readConnectState(h.runtime.keyRing, state)).toMatchObject({ connect, slack: person });
    }
  });

  it("a linked person pauses, resumes, picks the direction and what is shared; each change is audited", async () => {
    h = await startHarness();
    await h.install();
    expect((await h.connect(grace(h).id)).status).toBe(200);
    const link = await h.link(grace(h));
    await openHome(h);
    expect(homeText(h)).toContain("Mirroring is on");
    expect(homeText(h)).toContain("Slack account:* connected");

    expect(
      (
        await homeAction(h, {
          action_id: ACTION.pause,
          type: "static_select",
          selected_option: { value: "60" },
        })
      ).status,
    ).toBe(200);
    const paused = await h.t.db.link.findUniqueOrThrow({ where: { id: link.id } });
    expect(paused.status).toBe("paused");
    expect(paused.pausedUntil?.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    await h.idle();
    expect(homeText(h)).toContain("Paused until");

    await homeAction(h, { action_id: ACTION.resume, type: "button", value: "resume" });
    expect((await h.t.db.link.findUniqueOrThrow({ where: { id: link.id } })).status).toBe("active");

    await homeAction(h, {
      action_id: ACTION.direction,
      type: "static_select",
      selected_option: { value: "teamsToSlack" },
    });
    await homeAction(h, {
      action_id: ACTION.sharing,
      type: "checkboxes",
      selected_options: [{ value: "hideMeetingTitles" }],
    });
    const changed = await h.t.db.link.findUniqueOrThrow({ where: { id: link.id } });
    expect(changed.direction).toBe("teamsToSlack");
    expect(changed.policy).toEqual({
      shareStatusText: false,
      hideMeetingTitles: true,
      respectManualStatus: false,
    });
    await h.idle();
    expect(homeText(h)).toContain("Teams → Slack only");
    const audit = await h.t.db.syncEvent.findMany({ where: { linkId: link.id, kind: "link_updated" } });
    expect(audit.map((e) => e.correlationId)).toEqual(
      Array(4).fill(`slack:${h.workspace.id}/${grace(h).id}`),
    );
  });

  it("acknowledges app_home_opened and Home actions at once while views.publish takes longer than Slack's 3 s", async () => {
    h = await startHarness();
    await h.install();
    expect((await h.connect(grace(h).id)).status).toBe(200);
    await h.link(grace(h));
    await openHome(h);
    const slow = h.slack.control.injectFault({
      target: "web-api",
      method: "views.publish",
      kind: "delay",
      delayMs: 4_000,
    });
    const published = h.slack.control.calls({ method: "views.publish" }).length;

    h.slack.control.openAppHome({ appId: h.app.id, userId: grace(h).id });
    await h.slack.control.idle();
    const opened = h.slack.control.deliveries({ eventType: "app_home_opened" }).at(-1);
    // One attempt, acknowledged within the emulator's 3 s: no timeout, no retry from Slack.
    expect(opened?.state).toBe("delivered");
    expect(opened?.attempts.map((a) => [a.retryNum, a.outcome])).toEqual([[0, "ok"]]);

    const started = Date.now();
    const answer = await homeAction(h, { action_id: ACTION.resume, type: "button", value: "resume" });
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3_000);

    // The views are still published, by jobs, once Slack answers.
    await h.idle();
    const calls = h.slack.control.calls({ method: "views.publish" }).slice(published);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.every((call) => call.fault === slow.id && call.status === 200)).toBe(true);
  });

  it("disconnecting Slack revokes and forgets the token; the link waits for a reconnect", async () => {
    h = await startHarness();
    await h.install();
    expect((await h.connect(grace(h).id)).status).toBe(200);
    const link = await h.link(grace(h));
    await homeAction(h, { action_id: ACTION.disconnectSlack, type: "button", value: "disconnect" });
    expect(h.slack.control.calls({ method: "auth.revoke" }).map((c) => c.userId)).toEqual([grace(h).id]);
    expect(await h.t.db.credential.count({ where: { owner: { endsWith: grace(h).id } } })).toBe(0);
    expect(await h.t.db.link.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({
      status: "needs_reauth",
      // Disconnecting here, or the tokens_revoked event Slack sends after auth.revoke: whichever came first.
      statusReason: expect.stringMatching(
        /^slack: (Slack account disconnected|the Slack token was revoked)$/,
      ),
    });
    await h.idle();
    expect(homeText(h)).toContain("Connect Slack");
  });

  it("/presence answers ephemerally and makes the same changes; unsigned requests are refused", async () => {
    h = await startHarness();
    await h.install();
    const link = await h.link(grace(h));
    const pause = await command(h, "pause 2h");
    expect(pause.status).toBe(200);
    expect(JSON.parse(pause.text)).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringMatching(/^Paused until/),
    });
    expect((await h.t.db.link.findUniqueOrThrow({ where: { id: link.id } })).status).toBe("paused");
    const status = JSON.parse((await command(h, "")).text) as { blocks: unknown[] };
    expect(JSON.stringify(status.blocks)).toContain("Paused until");
    expect(JSON.parse((await command(h, "resume")).text)).toMatchObject({ text: "Mirroring again." });
    expect(JSON.parse((await command(h, "pause soon")).text).text).toContain("not a duration");
    expect(JSON.parse((await command(h, "help")).text).text).toContain("/presence pause");
    expect((await h.t.db.link.findUniqueOrThrow({ where: { id: link.id } })).status).toBe("active");

    const forged = await signedPost(h, "/slack/commands", { command: "/presence", text: "resume" }, false);
    expect(forged.status).toBe(401);
  });
});
