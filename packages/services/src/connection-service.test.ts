import { createLink, listSyncEvents, type Link } from "@presence/db";
import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { disableLink, markReconnected, requireReconnect } from "./connection-service.ts";
import { pausePerson } from "./link-service.ts";
import { updatePersonSettings } from "./person-settings-service.ts";

const TENANT = "11111111-1111-4111-8111-111111111111";
const actor = { name: "test" };
let t: TestDatabase;
let n = 0;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

function newLink(): Promise<Link> {
  n += 1;
  return createLink(t.db, {
    slackTeamId: "T0TEAM",
    slackUserId: `U0P${String(n).padStart(4, "0")}`,
    tenantId: TENANT,
    entraUserId: `22222222-2222-4222-8222-${String(n).padStart(12, "0")}`,
  });
}

describe("account connections", () => {
  it("a lost Slack connection stops the link until Slack is connected again", async () => {
    const link = await newLink();
    const flagged = await requireReconnect(t.db, link.id, { side: "slack", reason: "token_revoked" }, actor);
    expect(flagged).toMatchObject({ status: "needs_reauth", statusReason: "slack: token_revoked" });
    // A second loss (the same revocation reported twice) keeps the first reason.
    expect(
      (await requireReconnect(t.db, link.id, { side: "slack", reason: "disconnected" }, actor)).statusReason,
    ).toBe("slack: token_revoked");
    // Reconnecting the other side changes nothing.
    expect((await markReconnected(t.db, link.id, "teams", actor)).status).toBe("needs_reauth");
    expect(await markReconnected(t.db, link.id, "slack", actor)).toMatchObject({
      status: "active",
      statusReason: "",
    });
    const kinds = (await listSyncEvents(t.db, { linkId: link.id })).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["needs_reauth", "link_updated"]));
  });

  it("leaves paused and active links alone on reconnect; an uninstall disables, reconnecting re-enables", async () => {
    const link = await newLink();
    await pausePerson(t.db, link.id, {}, actor);
    expect((await markReconnected(t.db, link.id, "slack", actor)).status).toBe("paused");
    const other = await newLink();
    expect(
      await disableLink(t.db, other.id, { side: "slack", reason: "Slack app uninstalled" }, actor),
    ).toMatchObject({ status: "disabled", statusReason: "slack: Slack app uninstalled" });
    // A disabled link stays disabled when a token is revoked as well.
    expect(
      (await requireReconnect(t.db, other.id, { side: "slack", reason: "token_revoked" }, actor)).status,
    ).toBe("disabled");
    expect((await markReconnected(t.db, other.id, "slack", actor)).status).toBe("active");
  });

  it("concurrent reports end the same whatever their order: an uninstall wins over a revocation", async () => {
    const links = await Promise.all([newLink(), newLink(), newLink(), newLink()]);
    await Promise.all(
      links.flatMap((link) => [
        requireReconnect(t.db, link.id, { side: "slack", reason: "token_revoked" }, actor),
        disableLink(t.db, link.id, { side: "slack", reason: "uninstalled" }, actor),
      ]),
    );
    for (const link of links) {
      expect(await t.db.link.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({
        status: "disabled",
        statusReason: "slack: uninstalled",
      });
    }
  });

  it("a person's settings: direction and sharing overrides merge, invalid values are refused", async () => {
    const link = await newLink();
    await updatePersonSettings(t.db, link.id, { policy: { hideMeetingTitles: false } }, actor);
    const updated = await updatePersonSettings(
      t.db,
      link.id,
      { direction: "teamsToSlack", policy: { shareStatusText: false } },
      actor,
    );
    expect(updated.direction).toBe("teamsToSlack");
    expect(updated.policy).toEqual({ hideMeetingTitles: false, shareStatusText: false });
    await expect(
      updatePersonSettings(t.db, link.id, { direction: "sideways" as never }, actor),
    ).rejects.toMatchObject({ code: "invalid_input" });
    const [latest] = await listSyncEvents(t.db, { linkId: link.id, limit: 1 });
    expect(latest?.message).toContain("direction teamsToSlack");
  });
});
