import type { Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newGuid } from "../ids.ts";
import {
  otherUserPresenceSchema,
  presenceCollectionSchema,
  presenceResourceSchema,
} from "../schemas/presence-schemas.ts";
import { startFixture, type Fixture } from "../testing/fixture.ts";
import { appTokenProvider, graphClientFor, msalFor } from "../testing/sdk-clients.ts";
import { signIn } from "../testing/sign-in.ts";
import { trustingFetch } from "../testing/trusting-network.ts";
import { SET_PRESENCE_PAIRS } from "../presence/vocabulary.ts";

let fx: Fixture;
let graph: Client;

beforeAll(async () => {
  fx = await startFixture();
  const { cca } = msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, { clientSecret: fx.app.clientSecret });
  graph = graphClientFor(fx.emulator, appTokenProvider(fx.emulator, cca));
});
afterAll(() => fx.emulator.close());

const userId = (i: number): string => fx.users[i]?.id ?? "";
const read = async (client: Client, id: string) =>
  presenceResourceSchema.parse(await client.api(`/users/${id}/presence`).get());

describe("reading presence", () => {
  it("serves the three read paths with the documented shape, Offline without sessions", async () => {
    const byUser = await read(graph, userId(0));
    expect(byUser).toMatchObject({
      id: userId(0),
      availability: "Offline",
      activity: "Offline",
      statusMessage: null,
      outOfOfficeSettings: { isOutOfOffice: false, message: null },
    });
    const byCommunications = presenceResourceSchema.parse(
      await graph.api(`/communications/presences/${userId(0)}`).get(),
    );
    expect(byCommunications.sequenceNumber).toBe(byUser.sequenceNumber);
    await expect(graph.api("/me/presence").get()).rejects.toMatchObject({
      statusCode: 400,
      code: "BadRequest",
    });
  });

  it("getPresencesByUserId takes 650 ids and refuses 651", async () => {
    const extra = Array.from(
      { length: 647 },
      (_, i) => fx.emulator.control.createUser({ tenantId: fx.tenant.id, displayName: `Bulk ${i}` }).id,
    );
    const ids = [userId(0), userId(1), userId(2), ...extra];
    expect(ids).toHaveLength(650);
    const response = presenceCollectionSchema.parse(
      await graph.api("/communications/getPresencesByUserId").post({ ids }),
    );
    expect(response.value.map((p) => p.id)).toEqual(ids);
    await expect(
      graph.api("/communications/getPresencesByUserId").post({ ids: [...ids, newGuid()] }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });

  it("leaves unknown ids out and refuses ids that are not GUIDs", async () => {
    const response = presenceCollectionSchema.parse(
      await graph.api("/communications/getPresencesByUserId").post({ ids: [userId(1), newGuid()] }),
    );
    expect(response.value.map((p) => p.id)).toEqual([userId(1)]);
    await expect(
      graph.api("/communications/getPresencesByUserId").post({ ids: ["person1@contoso.com"] }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });
});

describe("setPresence and clearPresence", () => {
  it.each(SET_PRESENCE_PAIRS.map((p) => [p.availability, p.activity]))(
    "sets %s/%s as the app's session (200, no body)",
    async (availability, activity) => {
      await graph
        .api(`/users/${userId(1)}/presence/setPresence`)
        .post({ sessionId: fx.app.clientId, availability, activity, expirationDuration: "PT1H" });
      expect(await read(graph, userId(1))).toMatchObject({ availability, activity });
      const last = fx.emulator.control.requests({ surface: "graph", method: "POST" }).at(-1);
      expect(last).toMatchObject({ status: 200, appId: fx.app.clientId, tokenKind: "app" });
    },
  );

  it("answers actions with 200, no Content-Type and no body, and every response carries request-id and client-request-id", async () => {
    const { cca } = msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, {
      clientSecret: fx.app.clientSecret,
    });
    const token = await appTokenProvider(fx.emulator, cca)();
    const tls = trustingFetch(fx.emulator.ca);
    const response = await tls.fetch(`${fx.emulator.url}/v1.0/users/${userId(1)}/presence/setPresence`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "client-request-id": "my-id",
      },
      body: JSON.stringify({ sessionId: fx.app.clientId, availability: "Away", activity: "Away" }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBeNull();
    expect(await response.text()).toBe("");
    expect(response.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("client-request-id")).toBe("my-id");
    await tls.close();
  });

  it.each([
    ["Busy", "Busy"],
    ["DoNotDisturb", "DoNotDisturb"],
    ["Busy", "InAMeeting"],
    ["Available", "OutOfOffice"],
  ])("refuses the unsupported pair %s/%s with 400", async (availability, activity) => {
    await expect(
      graph
        .api(`/users/${userId(1)}/presence/setPresence`)
        .post({ sessionId: fx.app.clientId, availability, activity }),
    ).rejects.toMatchObject({ statusCode: 400, code: "BadRequest" });
  });

  it("refuses a sessionId other than the app's client id and durations outside PT5M–PT4H", async () => {
    const set = (body: object) =>
      graph
        .api(`/users/${userId(1)}/presence/setPresence`)
        .post({ availability: "Available", activity: "Available", ...body });
    await expect(set({ sessionId: newGuid() })).rejects.toMatchObject({ statusCode: 400 });
    await expect(set({ sessionId: fx.app.clientId, expirationDuration: "PT4M" })).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(set({ sessionId: fx.app.clientId, expirationDuration: "PT5H" })).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it("clearPresence removes the session; a second clear is 404", async () => {
    await graph
      .api(`/users/${userId(2)}/presence/setPresence`)
      .post({ sessionId: fx.app.clientId, availability: "Busy", activity: "InACall" });
    await graph.api(`/users/${userId(2)}/presence/clearPresence`).post({ sessionId: fx.app.clientId });
    expect(await read(graph, userId(2))).toMatchObject({ availability: "Offline", activity: "Offline" });
    await expect(
      graph.api(`/users/${userId(2)}/presence/clearPresence`).post({ sessionId: fx.app.clientId }),
    ).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe("session aggregation", () => {
  it("a Teams DND session beats the app's Busy session; user-preferred beats both; sessions vanish → Offline", async () => {
    const id = fx.emulator.control.createUser({ tenantId: fx.tenant.id, displayName: "Aggregated" }).id;
    const teams = fx.emulator.control.openTeamsSession(id, {
      availability: "DoNotDisturb",
      activity: "DoNotDisturb",
    });
    await graph
      .api(`/users/${id}/presence/setPresence`)
      .post({ sessionId: fx.app.clientId, availability: "Busy", activity: "InACall" });
    expect(await read(graph, id)).toMatchObject({ availability: "DoNotDisturb", activity: "DoNotDisturb" });
    expect(
      fx.emulator.control
        .sessions(id)
        .map((s) => s.kind)
        .sort(),
    ).toEqual(["app", "teams-client"]);

    fx.emulator.control.updateTeamsSession(id, teams.sessionId, { availability: "Away", activity: "Away" });
    expect(await read(graph, id)).toMatchObject({ availability: "Busy", activity: "InACall" });

    await graph
      .api(`/users/${id}/presence/setUserPreferredPresence`)
      .post({ availability: "BeRightBack", activity: "BeRightBack" });
    expect(await read(graph, id)).toMatchObject({ availability: "BeRightBack", activity: "BeRightBack" });
    await graph.api(`/users/${id}/presence/clearUserPreferredPresence`).post({});
    expect(await read(graph, id)).toMatchObject({ availability: "Busy", activity: "InACall" });

    fx.emulator.control.setPreferredPresence(id, { availability: "Offline", activity: "OffWork" });
    expect(await read(graph, id)).toMatchObject({ availability: "Offline", activity: "OffWork" });
    fx.emulator.control.closeTeamsSession(id, teams.sessionId);
    await graph.api(`/users/${id}/presence/clearPresence`).post({ sessionId: fx.app.clientId });
    fx.emulator.control.setPreferredPresence(id, { availability: "DoNotDisturb", activity: "DoNotDisturb" });
    // "Preferred presence takes effect only when at least one presence session exists" (reference §3.3).
    expect(await read(graph, id)).toMatchObject({ availability: "Offline", activity: "Offline" });
  });

  it("refuses setUserPreferredPresence pairs outside its table", async () => {
    await expect(
      graph
        .api(`/users/${userId(0)}/presence/setUserPreferredPresence`)
        .post({ availability: "DoNotDisturb", activity: "Presenting" }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });

  it("shows out of office on the activity and in outOfOfficeSettings", async () => {
    const id = fx.emulator.control.createUser({ tenantId: fx.tenant.id, displayName: "On leave" }).id;
    fx.emulator.control.openTeamsSession(id, { availability: "Available", activity: "Available" });
    fx.emulator.control.setOutOfOffice(id, { isOutOfOffice: true, message: "Back Monday" });
    expect(await read(graph, id)).toMatchObject({
      availability: "Available",
      activity: "OutOfOffice",
      outOfOfficeSettings: { isOutOfOffice: true, message: "Back Monday" },
    });
  });
});

describe("sequenceNumber", () => {
  it("increases on each effective change and only then", async () => {
    const id = fx.emulator.control.createUser({ tenantId: fx.tenant.id, displayName: "Sequenced" }).id;
    const set = (availability: string, activity: string) =>
      graph
        .api(`/users/${id}/presence/setPresence`)
        .post({ sessionId: fx.app.clientId, availability, activity, expirationDuration: "PT1H" });
    const s0 = (await read(graph, id)).sequenceNumber;
    expect((await read(graph, id)).sequenceNumber).toBe(s0);
    await set("Busy", "InACall");
    const s1 = (await read(graph, id)).sequenceNumber;
    expect(s1 > s0).toBe(true);
    expect(s1).toHaveLength(s0.length);
    await set("Busy", "InACall");
    fx.emulator.control.openTeamsSession(id, { availability: "Away", activity: "Away" });
    expect((await read(graph, id)).sequenceNumber).toBe(s1);
    await set("DoNotDisturb", "Presenting");
    const s2 = (await read(graph, id)).sequenceNumber;
    expect(s2 > s1).toBe(true);
    fx.emulator.control.setStatusMessage(id, { content: "Heads down" });
    expect((await read(graph, id)).sequenceNumber > s2).toBe(true);
  });
});

describe("status messages and who may see their expiry", () => {
  it("setStatusMessage with expiry: the user sees expiryDateTime and publishedDateTime, others do not", async () => {
    const { cca } = msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, {
      clientSecret: fx.app.clientSecret,
    });
    const owner = fx.users[0];
    const ownerSession = await signIn(fx.emulator, cca, owner?.userPrincipalName ?? "", [
      "Presence.ReadWrite",
      "Presence.Read.All",
    ]);
    const asOwner = graphClientFor(fx.emulator, ownerSession.getAccessToken);
    const expiry = { dateTime: new Date(Date.now() + 3_600_000).toISOString().slice(0, 19), timeZone: "UTC" };
    await asOwner.api(`/users/${userId(0)}/presence/setStatusMessage`).post({
      statusMessage: { message: { content: "In a workshop", contentType: "text" }, expiryDateTime: expiry },
    });

    const mine = presenceResourceSchema.parse(await asOwner.api("/me/presence").get());
    expect(mine.statusMessage).toMatchObject({
      message: { content: "In a workshop", contentType: "text" },
      expiryDateTime: expiry,
    });
    expect(mine.statusMessage?.publishedDateTime).toBeTruthy();

    const colleague = await signIn(
      fx.emulator,
      msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, { clientSecret: fx.app.clientSecret }).cca,
      fx.users[1]?.userPrincipalName ?? "",
    );
    const theirs = otherUserPresenceSchema.parse(
      await graphClientFor(fx.emulator, colleague.getAccessToken)
        .api(`/users/${userId(0)}/presence`)
        .get(),
    );
    expect(theirs.statusMessage).toEqual({ message: { content: "In a workshop", contentType: "text" } });
    otherUserPresenceSchema.parse(await graph.api(`/users/${userId(0)}/presence`).get());

    await asOwner
      .api(`/users/${userId(0)}/presence/setStatusMessage`)
      .post({ statusMessage: { message: { content: "", contentType: "text" } } });
    expect((await read(graph, userId(0))).statusMessage).toBeNull();
  });

  it("a delegated token may write only its own user's presence", async () => {
    const { cca } = msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, {
      clientSecret: fx.app.clientSecret,
    });
    const session = await signIn(fx.emulator, cca, fx.users[1]?.userPrincipalName ?? "", [
      "Presence.ReadWrite",
    ]);
    const client = graphClientFor(fx.emulator, session.getAccessToken);
    await client
      .api(`/users/${userId(1)}/presence/setPresence`)
      .post({ sessionId: fx.app.clientId, availability: "Away", activity: "Away" });
    await expect(
      client
        .api(`/users/${userId(2)}/presence/setPresence`)
        .post({ sessionId: fx.app.clientId, availability: "Away", activity: "Away" }),
    ).rejects.toMatchObject({ statusCode: 401 });
  });
});

describe("authentication and permissions", () => {
  it("401 without or with a bad token, 403 without the permission", async () => {
    const noToken = graphClientFor(fx.emulator, async () => "");
    await expect(noToken.api(`/users/${userId(0)}/presence`).get()).rejects.toMatchObject({
      statusCode: 401,
      code: "InvalidAuthenticationToken",
    });
    const forged = graphClientFor(fx.emulator, async () => "eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiJ4In0.c2ln");
    await expect(forged.api(`/users/${userId(0)}/presence`).get()).rejects.toMatchObject({ statusCode: 401 });

    const limited = fx.emulator.control.createApp({
      tenantId: fx.tenant.id,
      clientSecret: "s",
      applicationPermissions: ["User.Read.All"],
    });
    const { cca } = msalFor(fx.emulator, fx.tenant.id, limited.clientId, { clientSecret: "s" });
    const client = graphClientFor(fx.emulator, appTokenProvider(fx.emulator, cca));
    const error = await client
      .api(`/users/${userId(0)}/presence`)
      .get()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 403, code: "Forbidden" });
    expect((error as { requestId?: string }).requestId).toBeTruthy();
  });
});
