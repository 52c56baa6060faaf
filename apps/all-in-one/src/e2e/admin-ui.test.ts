import { findLinkBySlack } from "@presence/db";
import { unlinkPerson } from "@presence/services";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { freePort } from "@presence/runtime/testing";
import { launchChromium, screenshot, seriousAccessibilityProblems, watchPage } from "../testing/browser.ts";
import { startDemoWorld, type DemoWorld } from "../testing/demo-world.ts";

/**
 * The admin UI in Debian's Chromium against the whole zero-config demo (three apps, both emulators) on
 * real Postgres: signing in through the Entra emulator, automatic linking, rules with preview and dry
 * run, a change arriving live, the demo panel and the self-service page. Each page is checked with
 * axe-core and saved as a screenshot under docs/screenshots/.
 */
let world: DemoWorld;
let browser: Browser;
let admin: BrowserContext;
let page: Page;
let problems: string[];

const ada = "ada@demo-company.test";

beforeAll(async () => {
  world = await startDemoWorld(await freePort());
  browser = await launchChromium();
  admin = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 } });
  page = await admin.newPage();
  problems = watchPage(page);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await world?.stop();
});

async function checkPage(name: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  expect(await seriousAccessibilityProblems(page), `${name}: axe`).toEqual([]);
  await screenshot(page, name);
  expect(problems, `${name}: CSP violations or page errors`).toEqual([]);
}

async function linkIdOf(email: string): Promise<string> {
  const person = world.demo.slack?.people.find((p) => p.email === email);
  const teamId = (await world.t.db.slackWorkspace.findFirstOrThrow()).teamId;
  const link = await findLinkBySlack(world.t.db, teamId, person?.id ?? "");
  if (!link) throw new Error(`${email} is not linked`);
  return link.id;
}

describe("admin UI in Chromium", () => {
  it("sends a visitor to sign in, and signs in as the demo admin through the Entra emulator", async () => {
    await page.goto(`${world.url}/people`);
    await page.waitForURL(/\/signin\?next=%2Fpeople/);
    await page.getByRole("heading", { name: "Presence bridge" }).waitFor();
    await checkPage("sign-in");
    await page.getByRole("link", { name: "Sign in as the demo admin" }).click();
    await page.waitForURL(`${world.url}/people`);
    await page.getByRole("heading", { name: "People", exact: true }).waitFor();
    await page.goto(`${world.url}/`);
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    await page.getByRole("cell", { name: "admin, slack-bridge, teams-bridge" }).waitFor();
    await checkPage("overview");
  });

  it("links everyone by e-mail: preview, apply, undo; a run in progress shows after a reload", async () => {
    for (const email of ["alan@demo-company.test", "katherine@demo-company.test"])
      await unlinkPerson(world.t.db, email, { name: "test" });
    await page.goto(`${world.url}/people`);
    await page.getByRole("button", { name: "Preview automatic linking" }).click();
    const summary = page.getByRole("list", { name: "Preview summary" });
    await summary.getByText("to link").waitFor();
    expect(await summary.textContent()).toMatch(/2 to link.*4? ?.*only on Microsoft/s);
    await page.getByRole("cell", { name: "alan@demo-company.test" }).first().waitFor();
    await checkPage("people");
    await page.getByRole("button", { name: "Link 2 people" }).click();
    await page.getByText(/\bdone — 2 linked, 0 skipped/).waitFor();
    await page.getByRole("button", { name: "Undo this run" }).click();
    await page.getByText(/undone — 2 linked, 0 skipped, 2 undone/).waitFor();
    expect(await world.t.db.link.count()).toBe(2);
    await page.getByRole("button", { name: "Link 2 people" }).click();
    await page.getByText(/\bdone — 2 linked, 0 skipped/).waitFor();
    expect(await world.t.db.link.count()).toBe(4);

    // Progress lives on the server: a run in progress is shown again after a reload.
    const run = await world.t.db.bulkLinkRun.create({
      data: { emails: [], total: 300, processed: 120, status: "running", requestedBy: "someone else" },
    });
    await page.reload();
    const bar = page.getByRole("progressbar", { name: "Linking progress" });
    await bar.waitFor();
    expect(await bar.getAttribute("aria-valuenow")).toBe("120");
    await world.t.db.bulkLinkRun.update({
      where: { id: run.id },
      data: { status: "done", processed: 300, linked: 0, skipped: 300 },
    });
    await page.getByText(/Last run .*done/).waitFor();
  });

  it("edits a rule and previews it, then dry-runs the draft over the last hour's real decisions", async () => {
    await world.demo.panel?.change({
      action: "teams_presence",
      email: ada,
      availability: "Busy",
      activity: "InAMeeting",
    });
    const adaLink = await linkIdOf(ada);
    await expect
      .poll(
        () => world.t.db.syncEvent.count({ where: { linkId: adaLink, kind: "mirrored", side: "slack" } }),
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);

    await page.goto(`${world.url}/rules`);
    const text = page.getByRole("textbox", { name: "Slack status text for in-a-meeting" });
    await text.fill("Heads down");
    await page.getByTestId("preview-slack").getByText("Heads down (via Teams)").waitFor();
    await page.getByText("The draft is valid.").waitFor();
    await page.getByRole("combobox", { name: "Over the last" }).selectOption("1");
    await page.getByRole("button", { name: "Dry-run the draft" }).click();
    const result = page.getByTestId("dry-run-result");
    await result.waitFor({ timeout: 20_000 });
    expect(await result.textContent()).toMatch(/[1-9]\d* would differ/);
    await checkPage("rules");

    // A draft beyond Slack's limits is refused with the path of the problem.
    await text.fill("x".repeat(101));
    await page.getByText(/teamsToSlack\.\d+\.slack\.status\.text/).waitFor();
    await page.getByRole("button", { name: "Discard the draft" }).click();
  });

  it("shows a person's status change arriving live on their page (no reload)", async () => {
    const adaLink = await linkIdOf(ada);
    await page.goto(`${world.url}/people/${adaLink}`);
    await page.getByRole("heading", { name: "Ada Lovelace" }).waitFor();
    await page.getByText("● Live").waitFor();
    await page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 42));
    const adaSlack = world.demo.slack?.people.find((p) => p.email === ada);
    world.demo.slack?.emulator.control.joinHuddle({ userId: adaSlack?.id ?? "" });
    await page
      .getByText(/Mirrored slack → teams \(rule huddle\)/)
      .first()
      .waitFor({ timeout: 15_000 });
    await page.getByText("Presence Busy / InACall").first().waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(42);
    await page
      .getByRole("combobox", { name: "When both sides show a state of their own" })
      .selectOption("slackWins");
    await expect
      .poll(async () => (await world.t.db.link.findUniqueOrThrow({ where: { id: adaLink } })).policy)
      .toMatchObject({ conflictPolicy: "slackWins" });
    await checkPage("person");
  });

  it("the demo panel changes someone's Teams state and Slack follows", async () => {
    await page.goto(`${world.url}/demo`);
    const grace = page.getByTestId("demo-grace@demo-company.test");
    await grace.getByRole("button", { name: "Start a call" }).click();
    await grace
      .getByTestId("slack-now")
      .getByText(/In a call \(via Teams\)/)
      .waitFor({ timeout: 15_000 });
    await checkPage("demo");
  });

  it("settings are saved and every admin action shows in the audit trail with who did it", async () => {
    await page.goto(`${world.url}/settings`);
    await page.getByRole("spinbutton", { name: "Flap breaker: writes" }).fill("25");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Saved. Every link is re-decided under the new settings.").waitFor();
    await checkPage("settings");
    await page.goto(`${world.url}/audit?kind=admin_action`);
    await page
      .getByText(/Settings changed by it-admin@contoso\.onmicrosoft\.com \(microsoft\): flapMaxWrites/)
      .waitFor();
    await page
      .getByText(/Automatic linking finished: 2 linked/)
      .first()
      .waitFor();
    await checkPage("audit");
    await page.goto(`${world.url}/admins`);
    await page.getByRole("cell", { name: "Entra group (object id)" }).waitFor();
    await checkPage("admins");
  });

  it("the self-service page: an employee signs in with Microsoft, pauses and resumes their own mirroring", async () => {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 1280, height: 900 },
    });
    const me = await context.newPage();
    const meProblems = watchPage(me);
    await me.goto(`${world.url}/me`);
    await me.getByRole("link", { name: "Sign in with Microsoft" }).click();
    await me.getByRole("textbox", { name: "User" }).fill("katherine@demo-company.test");
    await me.getByRole("button", { name: "Sign in" }).click();
    await me.waitForURL(`${world.url}/me`);
    await me.getByRole("heading", { name: "My status sharing" }).waitFor();
    await me.getByRole("button", { name: "Pause for 1 hour" }).click();
    await me.getByText(/^Paused until/).waitFor();
    const link = await world.t.db.link.findFirstOrThrow({ where: { email: "katherine@demo-company.test" } });
    expect(link.status).toBe("paused");
    await me.getByRole("button", { name: "Resume mirroring" }).click();
    await me.getByRole("button", { name: "Pause for 1 hour" }).waitFor();
    await me.getByRole("checkbox", { name: "Never show meeting titles (only “In a meeting”)" }).uncheck();
    await expect
      .poll(async () => (await world.t.db.link.findFirstOrThrow({ where: { id: link.id } })).policy)
      .toMatchObject({ hideMeetingTitles: false });
    // Not an admin: the admin pages send them back here.
    await me.goto(`${world.url}/rules`);
    await me.waitForURL(`${world.url}/me`);
    await me.waitForLoadState("networkidle");
    expect(await seriousAccessibilityProblems(me)).toEqual([]);
    await screenshot(me, "me");
    expect(meProblems).toEqual([]);
    await context.close();
  });

  it("the self-service page with Sign in with Slack: the Slack emulator's sign-in page, then the person's own link", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const me = await context.newPage();
    const meProblems = watchPage(me);
    await me.goto(`${world.url}/signin?next=/me`);
    await me.getByRole("link", { name: "Sign in with Slack" }).click();
    await me.getByLabel("E-mail address").fill("grace@demo-company.test");
    await me.getByRole("button", { name: "Sign in" }).click();
    await me.waitForURL(`${world.url}/me`);
    await me.getByText("Mirroring between Slack and Microsoft Teams for Grace Hopper.").waitFor();
    await me.getByRole("combobox", { name: "Direction" }).selectOption("slackToTeams");
    await expect
      .poll(
        async () =>
          (await world.t.db.link.findFirstOrThrow({ where: { email: "grace@demo-company.test" } })).direction,
      )
      .toBe("slackToTeams");
    expect(meProblems).toEqual([]);
    await context.close();
  });
});
