import { afterEach, describe, expect, it } from "vitest";

import { eventually, startHarness, TEAMS, type Harness } from "../testing/bridge-harness.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

function userToken(harness: Harness, userId: string): string {
  const grant = harness.slack.control
    .calls({ method: "oauth.v2.access" })
    .map((c) => c.response as { authed_user?: { id?: string; access_token?: string } })
    .find((r) => r.authed_user?.id === userId);
  const token = grant?.authed_user?.access_token;
  if (!token) throw new Error(`no token issued to ${userId}`);
  return token;
}

describe("revoked tokens and uninstalls", () => {
  it("tokens_revoked: the person's token is deleted and their link waits for a reconnect; no write is attempted", async () => {
    h = await startHarness();
    await h.install();
    const grace = h.person(1);
    expect((await h.connect(grace.id)).status).toBe(200);
    const link = await h.link(grace);
    // The same user id in another workspace is someone else: their link is left alone.
    const elsewhere = await h.t.db.link.create({
      data: {
        slackTeamId: "T0ELSEWHERE",
        slackUserId: grace.id,
        tenantId: "99999999-9999-4999-8999-999999999999",
        entraUserId: "99999999-9999-4999-8999-000000000001",
        sides: { create: [{ side: "slack" }, { side: "teams" }] },
      },
    });
    h.slack.control.revokeToken({ token: userToken(h, grace.id) });
    const [revoked] = await h.slack.control.waitForDeliveries({ eventType: "tokens_revoked" });
    expect(revoked?.attempts.at(-1)).toMatchObject({ status: 200 });
    await h.idle();
    expect(await h.t.db.link.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({
      status: "needs_reauth",
      statusReason: "slack: the Slack token was revoked",
    });
    expect(await h.t.db.link.findUniqueOrThrow({ where: { id: elsewhere.id } })).toMatchObject({
      status: "active",
    });
    expect(await h.t.db.slackInstallation.count({ where: { userId: grace.id } })).toBe(0);
    expect(
      await h.t.db.credential.count({ where: { kind: "slack_user", owner: { endsWith: grace.id } } }),
    ).toBe(0);
    const events = await h.t.db.syncEvent.findMany({ where: { linkId: link.id, kind: "needs_reauth" } });
    expect(events).toHaveLength(1);

    h.slack.control.clearCalls({});
    await h.teamsChange(link, TEAMS.meeting);
    await h.idle();
    expect(h.slack.control.calls({ method: "users.profile.set" })).toEqual([]);

    // Connecting again brings the link back.
    expect((await h.connect(grace.id)).status).toBe(200);
    expect(await h.t.db.link.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({
      status: "active",
    });
  });

  it("a token Slack refuses while writing (deactivated person: account_inactive) flags the link too", async () => {
    h = await startHarness();
    await h.install();
    const grace = h.person(1);
    expect((await h.connect(grace.id)).status).toBe(200);
    const link = await h.link(grace);
    h.slack.control.setUserDeleted({ userId: grace.id, deleted: true });
    await h.idle();
    await h.teamsChange(link, TEAMS.meeting);
    await h.idle();
    expect(h.slack.control.calls({ method: "users.profile.set" }).map((c) => c.error)).toEqual([
      "account_inactive",
    ]);
    expect(await h.t.db.link.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({
      status: "needs_reauth",
      statusReason: expect.stringContaining("account_inactive"),
    });
  });

  it("app_uninstalled: every installation and token of the workspace is gone and its links are disabled", async () => {
    h = await startHarness();
    await h.install();
    const [grace, linus] = [h.person(1), h.person(2)];
    expect((await h.connect(grace.id)).status).toBe(200);
    const links = [await h.link(grace), await h.link(linus)];
    h.slack.control.uninstallApp({ appId: h.app.id, teamId: h.workspace.id });
    await h.slack.control.waitForDeliveries({ eventType: "app_uninstalled" });
    await eventually(async () => {
      expect(await h?.t.db.slackInstallation.count()).toBe(0);
      expect(await h?.t.db.credential.count()).toBe(0);
      for (const link of links) {
        expect(await h?.t.db.link.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({
          status: "disabled",
          statusReason: "slack: the Slack app was uninstalled",
        });
      }
    });
    for (const delivery of h.slack.control.deliveries({ appId: h.app.id }))
      expect(delivery.attempts.at(-1)?.status).toBe(200);
  });
});
