import { findDirectoryByEmail, findLinkBySlack, listSyncEvents } from "@presence/db";
import { issueConnectLink, linkByEmail } from "@presence/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { syncDirectory } from "../jobs/directory-sync.ts";
import { browserSignIn, connectPath } from "../testing/browser-sign-in.ts";
import { SLACK_TEAM, startWorld, type World } from "../testing/teams-world.ts";

// Routes only (no worker): sign-in and directory reads are driven by the test.
let world: World;

beforeAll(async () => {
  world = await startWorld({ people: 250, link: false, run: "http" });
});
afterAll(async () => {
  await world?.close();
});

describe("Connect Microsoft account", () => {
  it("links the Slack account named in the signed state to the Microsoft account that signs in", async () => {
    const [person] = world.people;
    if (!person) throw new Error("fixture");
    const slack = { teamId: SLACK_TEAM, userId: "U0CONNECT1" };
    const outcome = await browserSignIn(world, await connectPath(world, slack), person);
    expect(outcome.status).toBe(200);
    expect(outcome.page).toContain("Microsoft account connected");
    const link = await findLinkBySlack(world.t.db, slack.teamId, slack.userId);
    expect(link).toMatchObject({
      tenantId: world.tenantId,
      entraUserId: person.id.toLowerCase(),
      status: "active",
    });
    const events = await listSyncEvents(world.t.db, { linkId: link?.id ?? "" });
    expect(events.map((e) => e.kind)).toContain("link_created");
    // Doing it again (with a new link) is harmless.
    expect((await browserSignIn(world, await connectPath(world, slack), person)).status).toBe(200);
    // A link works once: opened again, it is refused before any sign-in starts.
    const once = await connectPath(world, slack);
    expect((await browserSignIn(world, once, person)).status).toBe(200);
    const replayed = await fetch(`${world.url}${once}`, { redirect: "manual" });
    expect(replayed.status).toBe(400);
    expect(await replayed.text()).toContain("already used");
    // The PKCE verifier never left the server, and the sign-in record is gone once used.
    expect(await world.t.db.credential.count({ where: { kind: "graph_sign_in" } })).toBe(0);
  });

  it("refuses to link a Slack account already linked to someone else", async () => {
    const other = world.people[1];
    if (!other) throw new Error("fixture");
    const outcome = await browserSignIn(
      world,
      await connectPath(world, { teamId: SLACK_TEAM, userId: "U0CONNECT1" }),
      other,
    );
    expect(outcome.status).toBe(409);
    const link = await findLinkBySlack(world.t.db, SLACK_TEAM, "U0CONNECT1");
    expect(link?.entraUserId).toBe(world.people[0]?.id.toLowerCase());
  });

  it("refuses a forged or foreign state, a callback from another browser, and a cancelled sign-in", async () => {
    const person = world.people[2];
    if (!person) throw new Error("fixture");
    const slack = { teamId: SLACK_TEAM, userId: "U0CONNECT3" };
    expect((await fetch(`${world.url}/graph/connect?state=forged.token`)).status).toBe(400);
    const slackState = await issueConnectLink(world.t.db, world.runtime.keyRing, { connect: "slack", slack });
    expect((await fetch(`${world.url}/graph/connect?state=${slackState}`)).status).toBe(400);
    expect(
      (await browserSignIn(world, await connectPath(world, slack), person, { dropCookie: true })).status,
    ).toBe(400);
    const cancelled = await browserSignIn(world, await connectPath(world, slack), { deny: true });
    expect(cancelled.status).toBe(400);
    expect(cancelled.page).toContain("access_denied");
    expect(await findLinkBySlack(world.t.db, slack.teamId, slack.userId)).toBeNull();
  });
});

describe("directory lookup", () => {
  it("reads every user page by page, so admins can link people by e-mail", async () => {
    world.emulator.control.clearRequests();
    const disabled = world.people[3];
    if (!disabled) throw new Error("fixture");
    world.emulator.control.updateUser(disabled.id, { accountEnabled: false });
    expect(await syncDirectory(world.bridge.graph, world.t.db, world.tenantId, 100)).toBe(250);
    // A disabled account is listed, marked, so it is never linked automatically.
    const entries = await world.t.db.directoryEntry.findMany({ where: { side: "teams", deactivated: true } });
    expect(entries.map((e) => e.userId)).toEqual([disabled.id.toLowerCase()]);
    world.emulator.control.updateUser(disabled.id, { accountEnabled: true });
    const pages = world.emulator.control
      .requests({ surface: "graph" })
      .filter((r) => r.path === "/v1.0/users");
    expect(pages).toHaveLength(3);
    const last = world.people[249];
    if (!last) throw new Error("fixture");
    expect(await findDirectoryByEmail(world.t.db, "teams", last.mail ?? "")).toMatchObject([
      { scopeId: world.tenantId, userId: last.id.toLowerCase(), displayName: "Person 250" },
    ]);
    await world.t.db.directoryEntry.create({
      data: {
        side: "slack",
        scopeId: SLACK_TEAM,
        userId: "U0EMAIL250",
        email: last.mail?.toLowerCase() ?? null,
        displayName: "Person 250",
      },
    });
    const link = await linkByEmail(world.t.db, last.mail ?? "", { name: "test" });
    expect(link).toMatchObject({ slackUserId: "U0EMAIL250", entraUserId: last.id.toLowerCase() });
  });
});
