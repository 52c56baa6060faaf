import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presenceResourceSchema } from "../schemas/presence-schemas.ts";
import { startGraphEmulator, type GraphEmulator } from "../server.ts";
import { appTokenProvider, graphClientFor, msalFor } from "../testing/sdk-clients.ts";
import { trustingFetch, type TrustingFetch } from "../testing/trusting-network.ts";

let emulator: GraphEmulator;
let tls: TrustingFetch;

beforeAll(async () => {
  emulator = await startGraphEmulator();
  tls = trustingFetch(emulator.ca);
});
afterAll(async () => {
  await emulator.close();
  await tls.close();
});

async function control(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const response = await tls.fetch(`${emulator.url}/_emulator${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text === "" ? undefined : (JSON.parse(text) as unknown) };
}

describe("the control API over HTTP (/_emulator)", () => {
  it("sets up a tenant, a person and an app, drives the person's Teams client, and shows it in Graph", async () => {
    const tenant = (await control("POST", "/tenants", {
      displayName: "Fabrikam",
      domain: "fabrikam.example",
    })) as { status: number; json: { id: string } };
    expect(tenant.status).toBe(201);
    const user = (await control("POST", "/users", {
      tenantId: tenant.json.id,
      displayName: "Ada Lovelace",
      mail: "ada@fabrikam.example",
    })) as { json: { id: string } };
    const app = (await control("POST", "/apps", {
      tenantId: tenant.json.id,
      clientSecret: "s3cret",
      applicationPermissions: ["Presence.Read.All"],
    })) as { json: { clientId: string } };

    const session = (await control("POST", `/users/${user.json.id}/sessions`, {
      availability: "Busy",
      activity: "InAMeeting",
    })) as { status: number; json: { sessionId: string } };
    expect(session.status).toBe(201);
    await control("PUT", `/users/${user.json.id}/status-message`, { content: "Workshop all day" });

    const { cca } = msalFor(emulator, tenant.json.id, app.json.clientId, { clientSecret: "s3cret" });
    const graph = graphClientFor(emulator, appTokenProvider(emulator, cca));
    const presence = presenceResourceSchema.parse(await graph.api(`/users/${user.json.id}/presence`).get());
    expect(presence).toMatchObject({
      availability: "Busy",
      activity: "InAMeeting",
      statusMessage: { message: { content: "Workshop all day" } },
    });

    expect((await control("GET", `/users/${user.json.id}/sessions`)).json).toMatchObject([
      { sessionId: session.json.sessionId, kind: "teams-client" },
    ]);
    expect(
      (await control("DELETE", `/users/${user.json.id}/sessions/${session.json.sessionId}`)).status,
    ).toBe(204);
    expect((await control("GET", `/users/${user.json.id}/presence`)).json).toMatchObject({
      availability: "Offline",
    });

    const requests = (await control("GET", "/requests")).json as {
      surface: string;
      path: string;
      appId?: string;
    }[];
    expect(requests.find((r) => r.surface === "graph")).toMatchObject({
      path: `/v1.0/users/${user.json.id}/presence`,
      appId: app.json.clientId,
    });
  });

  it("injects faults and reports bad input with 400 and unknown things with 404", async () => {
    expect((await control("POST", "/faults", { target: "presence", status: 503, count: 2 })).status).toBe(
      201,
    );
    expect((await control("GET", "/faults")).json).toMatchObject([{ target: "presence", remaining: 2 }]);
    expect((await control("DELETE", "/faults")).status).toBe(204);
    expect((await control("POST", "/faults", { target: "everything" })).status).toBe(400);
    expect(
      (
        await control("POST", "/users/00000000-0000-0000-0000-000000000000/sessions", {
          availability: "Away",
          activity: "Away",
        })
      ).status,
    ).toBe(404);
    expect((await control("POST", "/users", { displayName: "No tenant" })).status).toBe(400);
    expect((await control("DELETE", "/subscriptions/nope")).status).toBe(404);
  });

  it("creates groups, adds and removes members, edits users and the app's groupMembershipClaims", async () => {
    const tenant = (await control("POST", "/tenants", {})) as { json: { id: string } };
    const user = (await control("POST", "/users", { tenantId: tenant.json.id, displayName: "Grace" })) as {
      json: { id: string };
    };
    const other = (await control("POST", "/users", { tenantId: tenant.json.id, displayName: "Alan" })) as {
      json: { id: string };
    };
    const group = (await control("POST", "/groups", {
      tenantId: tenant.json.id,
      displayName: "Bridge admins",
      memberIds: [user.json.id],
    })) as { status: number; json: { id: string; members: string[]; securityEnabled: boolean } };
    expect(group.status).toBe(201);
    expect(group.json).toMatchObject({ members: [user.json.id], securityEnabled: true });
    expect(
      (await control("POST", `/groups/${group.json.id}/members`, { userIds: [other.json.id, user.json.id] }))
        .json,
    ).toMatchObject({ members: [user.json.id, other.json.id] });
    expect((await control("DELETE", `/groups/${group.json.id}/members/${user.json.id}`)).json).toMatchObject({
      members: [other.json.id],
    });
    expect((await control("DELETE", `/groups/${group.json.id}/members/${user.json.id}`)).status).toBe(404);
    expect((await control("GET", `/tenants/${tenant.json.id}/groups`)).json).toMatchObject([
      { id: group.json.id, displayName: "Bridge admins", members: [other.json.id] },
    ]);
    expect((await control("POST", "/groups/nope/members", { userIds: [user.json.id] })).status).toBe(404);

    expect((await control("PATCH", `/users/${user.json.id}`, { accountEnabled: false })).json).toMatchObject({
      accountEnabled: false,
    });
    const app = (await control("POST", "/apps", {
      tenantId: tenant.json.id,
      groupMembershipClaims: "SecurityGroup",
    })) as { json: { clientId: string; groupMembershipClaims: string } };
    expect(app.json.groupMembershipClaims).toBe("SecurityGroup");
    expect(
      (await control("PATCH", `/apps/${app.json.clientId}`, { groupMembershipClaims: "All" })).json,
    ).toMatchObject({ groupMembershipClaims: "All" });
    // Values the emulator does not model (no app role assignments or directory roles) are refused.
    expect(
      (await control("PATCH", `/apps/${app.json.clientId}`, { groupMembershipClaims: "ApplicationGroup" }))
        .status,
    ).toBe(400);
  });

  it("manages calendar events and automatic replies, with 400 on bad input and 404 on unknown ids", async () => {
    const tenant = (await control("POST", "/tenants", {})) as { json: { id: string } };
    const user = (await control("POST", "/users", { tenantId: tenant.json.id, displayName: "Grace" })) as {
      json: { id: string };
    };
    const events = `/users/${user.json.id}/events`;
    const created = (await control("POST", events, {
      subject: "Review",
      start: "2030-06-01T09:00:00Z",
      end: "2030-06-01T10:00:00Z",
      showAs: "tentative",
      sensitivity: "private",
    })) as { status: number; json: { id: string; etag: string; showAs: string } };
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ showAs: "tentative", start: "2030-06-01T09:00:00.000Z" });
    const bad = (await control("POST", events, { start: "tomorrow", end: "2030-06-01T10:00:00Z" })) as {
      status: number;
      json: { issues: { path: string }[] };
    };
    expect(bad.status).toBe(400);
    expect(bad.json.issues[0]?.path).toBe("start");
    expect(
      (await control("POST", events, { start: "2030-06-01T10:00:00Z", end: "2030-06-01T09:00:00Z" })).status,
    ).toBe(400);
    expect(
      (
        await control("POST", events, {
          start: "2030-06-01T09:00:00Z",
          end: "2030-06-01T10:00:00Z",
          showAs: "away",
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await control("POST", events, {
          id: created.json.id,
          start: "2030-06-01T09:00:00Z",
          end: "2030-06-01T10:00:00Z",
        })
      ).status,
    ).toBe(400);

    const updated = (await control("PATCH", `${events}/${created.json.id}`, { isCancelled: true })) as {
      json: { isCancelled: boolean; etag: string };
    };
    expect(updated.json.isCancelled).toBe(true);
    expect(updated.json.etag).not.toBe(created.json.etag);
    expect((await control("PATCH", `${events}/nope`, { isCancelled: true })).status).toBe(404);
    expect((await control("GET", events)).json).toMatchObject([{ id: created.json.id, subject: "Review" }]);
    expect((await control("DELETE", `${events}/${created.json.id}`)).status).toBe(204);
    expect((await control("DELETE", `${events}/${created.json.id}`)).status).toBe(404);

    const replies = (await control("PUT", `/users/${user.json.id}/automatic-replies`, {
      status: "scheduled",
      scheduledStartDateTime: "2030-06-01T00:00:00Z",
      scheduledEndDateTime: "2030-06-08T00:00:00Z",
      internalReplyMessage: "Conference week",
    })) as { status: number; json: unknown };
    expect(replies.json).toMatchObject({
      status: "scheduled",
      scheduledStartDateTime: { dateTime: "2030-06-01T00:00:00.0000000", timeZone: "UTC" },
    });
    expect(
      (await control("PUT", `/users/${user.json.id}/automatic-replies`, { status: "sometimes" })).status,
    ).toBe(400);
    expect((await control("GET", `/users/${user.json.id}/mailbox-settings`)).json).toMatchObject({
      automaticRepliesSetting: { status: "scheduled", internalReplyMessage: "Conference week" },
    });
    expect((await control("GET", "/users/nobody/events")).status).toBe(404);
  });

  it("serves the CA it uses, so a demo can point NODE_EXTRA_CA_CERTS at it", async () => {
    const response = await tls.fetch(`${emulator.url}/_emulator/ca.pem`);
    expect(await response.text()).toBe(emulator.ca);
  });
});
