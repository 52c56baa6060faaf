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

  it("serves the CA it uses, so a demo can point NODE_EXTRA_CA_CERTS at it", async () => {
    const response = await tls.fetch(`${emulator.url}/_emulator/ca.pem`);
    expect(await response.text()).toBe(emulator.ca);
  });
});
