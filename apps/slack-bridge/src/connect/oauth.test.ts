import { BOT_SCOPES, USER_SCOPES } from "@presence/core";
import { findLinkBySlack, listSyncEvents } from "@presence/db";
import { addJob } from "@presence/pipeline";
import { createConnectState, issueConnectLink, linkAccounts } from "@presence/services";
import { afterEach, describe, expect, it } from "vitest";

import { completeSlackOAuth } from "../demo/oauth-browser.ts";
import { SWEEP_BASELINES_TASK } from "../jobs/slack-tasks.ts";
import { enqueueDirectorySync } from "../jobs/sync-directory.ts";
import { startHarness, TENANT, type Harness } from "../testing/bridge-harness.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const ENTRA_GRACE = "33333333-3333-4333-8333-000000000001";

describe("OAuth install and connect", () => {
  it("a workspace install stores the installation with encrypted tokens and fills the directory", async () => {
    h = await startHarness();
    await h.install();
    const ada = h.person(0);
    const rows = await h.t.db.slackInstallation.findMany({ orderBy: { userId: "asc" } });
    expect(rows.map((r) => [r.teamId, r.userId])).toEqual([
      [h.workspace.id, ""],
      [h.workspace.id, ada.id],
    ]);
    expect(rows[0]?.data).toMatchObject({ team: { id: h.workspace.id }, bot: { scopes: BOT_SCOPES } });
    expect(JSON.stringify(rows.map((r) => r.data))).not.toMatch(/xox[bp]-/);
    const credentials = await h.t.db.credential.findMany();
    expect(credentials.map((c) => c.kind).sort()).toEqual(["slack_bot", "slack_user"]);
    const granted = h.slack.control.calls({ method: "oauth.v2.access" })[0]?.response as {
      access_token: string;
      authed_user: { access_token: string; scope: string };
    };
    expect(granted.authed_user.scope.split(",")).toEqual(USER_SCOPES);
    for (const c of credentials) {
      expect(c.ciphertext).not.toContain(granted.access_token);
      expect(c.ciphertext).not.toContain(granted.authed_user.access_token);
    }
    await h.idle();
    const directory = await h.t.db.directoryEntry.findMany({ orderBy: { email: "asc" } });
    expect(directory.map((d) => d.email)).toEqual(["ada@acme.test", "grace@acme.test", "linus@acme.test"]);
    expect(directory.every((d) => !d.deactivated)).toBe(true);
    // Someone deactivated in Slack stays in the directory, marked (never linked automatically).
    h.slack.control.setUserDeleted({ userId: h.person(2).id, deleted: true });
    await enqueueDirectorySync(h.t.db, { enterpriseId: "", teamId: h.workspace.id });
    await h.idle();
    const after = await h.t.db.directoryEntry.findMany({ orderBy: { email: "asc" } });
    expect(after.map((d) => [d.email, d.deactivated])).toEqual([
      ["ada@acme.test", false],
      ["grace@acme.test", false],
      ["linus@acme.test", true],
    ]);
    h.slack.control.setUserDeleted({ userId: h.person(2).id, deleted: false });
    expect(await h.t.db.slackWorkspace.findUnique({ where: { teamId: h.workspace.id } })).toMatchObject({
      name: "Acme",
    });
  });

  it("a connect link from the Microsoft side links the person and reads their Slack state as the baseline", async () => {
    h = await startHarness();
    await h.install();
    const grace = h.person(1);
    h.slack.control.setStatus({ userId: grace.id, text: "Focus time", emoji: ":headphones:" });
    h.slack.control.snoozeDnd({ userId: grace.id, minutes: 30 });
    await h.idle();
    const state = await issueConnectLink(h.t.db, h.runtime.keyRing, {
      connect: "slack",
      entra: { tenantId: TENANT, userId: ENTRA_GRACE },
    });
    const done = await h.connect(grace.id, `?state=${encodeURIComponent(state)}`);
    expect(done.status).toBe(200);
    expect(done.body).toContain("now mirrored");
    // The link worked once; opened again it is refused (it could link someone else's account).
    const again = await fetch(`${h.url}/slack/connect?state=${encodeURIComponent(state)}`, {
      redirect: "manual",
    });
    expect(again.status).toBe(400);
    const link = await findLinkBySlack(h.t.db, h.workspace.id, grace.id);
    expect(link).toMatchObject({ tenantId: TENANT, entraUserId: ENTRA_GRACE, email: "grace@acme.test" });
    await h.idle();
    const side = await h.t.db.linkSide.findUniqueOrThrow({
      where: { linkId_side: { linkId: link?.id ?? "", side: "slack" } },
    });
    expect(side.view).toMatchObject({
      status: { text: "Focus time", emoji: ":headphones:" },
      dnd: { snoozed: true },
    });
    const sources = (await listSyncEvents(h.t.db, { linkId: link?.id ?? "" })).map(
      (e) => (e.detail as { source?: string }).source,
    );
    expect(sources).toContain("slack:connect");
    // Read with the person's own token.
    expect(h.slack.control.calls({ method: "users.profile.get" }).at(-1)?.userId).toBe(grace.id);
    expect(h.slack.control.calls({ method: "dnd.info" }).at(-1)?.userId).toBe(grace.id);
  });

  it("refuses a tampered or foreign connect link, and a sign-in as someone else", async () => {
    h = await startHarness();
    await h.install();
    const [grace, linus] = [h.person(1), h.person(2)];
    const forged = await fetch(`${h.url}/slack/connect?state=forged.token`, { redirect: "manual" });
    expect(forged.status).toBe(400);
    const neverIssued = createConnectState(h.runtime.keyRing, {
      connect: "slack",
      slack: { teamId: h.workspace.id, userId: grace.id },
    });
    expect((await fetch(`${h.url}/slack/connect?state=${neverIssued}`, { redirect: "manual" })).status).toBe(
      400,
    );
    const forMicrosoft = await issueConnectLink(h.t.db, h.runtime.keyRing, {
      connect: "microsoft",
      slack: { teamId: h.workspace.id, userId: grace.id },
    });
    expect((await fetch(`${h.url}/slack/connect?state=${forMicrosoft}`, { redirect: "manual" })).status).toBe(
      400,
    );
    const forGrace = await issueConnectLink(h.t.db, h.runtime.keyRing, {
      connect: "slack",
      slack: { teamId: h.workspace.id, userId: grace.id },
      entra: { tenantId: TENANT, userId: ENTRA_GRACE },
    });
    const asLinus = await h.connect(linus.id, `?state=${encodeURIComponent(forGrace)}`);
    expect(asLinus.status).toBe(400);
    expect(asLinus.body).toContain("someone else");
    expect(await h.t.db.link.count()).toBe(0);
  });

  it("a link made by an admin for a connected person gets its baseline from the sweep; never-connected people are read with the bot token", async () => {
    h = await startHarness();
    await h.install();
    const [grace, linus] = [h.person(1), h.person(2)];
    expect((await h.connect(grace.id)).status).toBe(200);
    h.slack.control.setStatus({ userId: grace.id, text: "On a train", emoji: ":train:" });
    h.slack.control.setStatus({ userId: linus.id, text: "Vacationing", emoji: ":palm_tree:" });
    await h.idle();
    const admin = { name: "admin" };
    const graceLink = await linkAccounts(
      h.t.db,
      {
        slack: { teamId: h.workspace.id, userId: grace.id },
        entra: { tenantId: TENANT, userId: ENTRA_GRACE },
      },
      admin,
    );
    const linusLink = await linkAccounts(
      h.t.db,
      {
        slack: { teamId: h.workspace.id, userId: linus.id },
        entra: { tenantId: TENANT, userId: "33333333-3333-4333-8333-000000000002" },
      },
      admin,
    );
    await addJob(h.t.db, SWEEP_BASELINES_TASK, {});
    await h.idle();
    const views = await h.t.db.linkSide.findMany({
      where: { side: "slack", linkId: { in: [graceLink.id, linusLink.id] } },
    });
    expect(views.find((v) => v.linkId === graceLink.id)?.view).toMatchObject({
      status: { text: "On a train" },
    });
    expect(views.find((v) => v.linkId === linusLink.id)?.view).toMatchObject({
      status: { text: "Vacationing" },
    });
    expect(views.every((v) => v.observedAt !== null)).toBe(true);
    expect(h.slack.control.calls({ method: "users.info" }).at(-1)?.args.user).toBe(linus.id);
  });

  it("Enterprise Grid: an org-wide install by an Org Admin; members' events authorize through it", async () => {
    h = await startHarness();
    const { control } = h.slack;
    const org = control.createEnterprise({ name: "Grid Org" });
    const ws = control.createWorkspace({ name: "Grid East", enterpriseId: org.id, plan: "paid" });
    const orgAdmin = control.createUser({
      teamId: ws.id,
      name: "olga",
      role: "admin",
      orgRole: "admin",
      email: "olga@grid.test",
    });
    const member = control.createUser({ teamId: ws.id, name: "mo", email: "mo@grid.test" });
    control.updateApp({ appId: h.app.id, orgDeployEnabled: true });
    const installed = await completeSlackOAuth(`${h.url}/slack/install`, orgAdmin.id, { orgWide: true });
    expect(installed.status).toBe(200);
    const row = await h.t.db.slackInstallation.findFirst({ where: { userId: "" } });
    expect(row).toMatchObject({ enterpriseId: org.id, teamId: "", isEnterpriseInstall: true });
    await h.idle();
    expect(await h.t.db.directoryEntry.findFirst({ where: { userId: member.id } })).toMatchObject({
      scopeId: ws.id,
      email: "mo@grid.test",
    });
    const link = await linkAccounts(
      h.t.db,
      {
        slack: { teamId: ws.id, userId: member.id },
        entra: { tenantId: TENANT, userId: "33333333-3333-4333-8333-000000000009" },
      },
      { name: "admin" },
    );
    control.setStatus({ userId: member.id, text: "Grid status", emoji: ":office:" });
    const [delivery] = await control.waitForDeliveries({ eventType: "user_change" });
    expect(delivery?.attempts.at(-1)).toMatchObject({ status: 200 });
    await h.idle();
    const side = await h.t.db.linkSide.findUniqueOrThrow({
      where: { linkId_side: { linkId: link.id, side: "slack" } },
    });
    expect(side.view).toMatchObject({ status: { text: "Grid status" } });
  });
});
