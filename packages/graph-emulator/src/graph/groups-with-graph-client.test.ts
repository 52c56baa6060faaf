import type { Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GroupView, UserView } from "../control/control-api.ts";
import { groupResourceSchema, memberObjectsResponseSchema } from "../schemas/group-schemas.ts";
import { startFixture, type Fixture } from "../testing/fixture.ts";
import { appTokenProvider, graphClientFor, msalFor } from "../testing/sdk-clients.ts";
import { signIn } from "../testing/sign-in.ts";

let fx: Fixture;
let security: GroupView;
let distribution: GroupView;
let person: UserView;

/** The Graph client with an app token holding exactly these application permissions. */
function appGraph(applicationPermissions: string[]): Client {
  const app = fx.emulator.control.createApp({
    tenantId: fx.tenant.id,
    clientSecret: "s",
    applicationPermissions,
  });
  const { cca } = msalFor(fx.emulator, fx.tenant.id, app.clientId, { clientSecret: "s" });
  return graphClientFor(fx.emulator, appTokenProvider(fx.emulator, cca));
}

beforeAll(async () => {
  fx = await startFixture();
  person = fx.users[0] as UserView;
  security = fx.emulator.control.createGroup({
    tenantId: fx.tenant.id,
    id: "02bd9fd6-8f93-4758-87c3-1fb73740a315",
    displayName: "Presence admins",
    description: "Who may change the bridge",
    memberIds: [person.id],
  });
  distribution = fx.emulator.control.createGroup({
    tenantId: fx.tenant.id,
    displayName: "All staff",
    securityEnabled: false,
    mailEnabled: true,
    memberIds: [person.id, fx.users[1]?.id ?? ""],
  });
});
afterAll(() => fx.emulator.close());

describe("GET /groups/{id}", () => {
  it("answers the group resource with GroupMember.Read.All, and $select", async () => {
    const graph = appGraph(["GroupMember.Read.All"]);
    const group = groupResourceSchema.parse(await graph.api(`/groups/${security.id}`).get());
    expect(group).toMatchObject({
      id: security.id,
      displayName: "Presence admins",
      description: "Who may change the bridge",
      securityEnabled: true,
      mailEnabled: false,
      mail: null,
      groupTypes: [],
      // Derived from the object id as in Graph's group-get sample.
      securityIdentifier: "S-1-12-1-45981654-1196986259-3072312199-363020343",
    });
    const selected = groupResourceSchema.parse(
      await graph.api(`/groups/${distribution.id}`).select("id,displayName,mail").get(),
    );
    expect(Object.keys(selected).sort()).toEqual(["@odata.context", "displayName", "id", "mail"]);
    expect(selected.mail).toBe(`${distribution.mailNickname}@contoso.onmicrosoft.com`);
  });

  it("403 without a group permission, 404 for an unknown or another tenant's group", async () => {
    await expect(appGraph(["User.Read.All"]).api(`/groups/${security.id}`).get()).rejects.toMatchObject({
      statusCode: 403,
    });
    const other = fx.emulator.control.createTenant({ domain: "fabrikam.example" });
    const foreign = fx.emulator.control.createGroup({ tenantId: other.id, displayName: "Elsewhere" });
    const graph = appGraph(["Directory.Read.All"]);
    for (const id of [foreign.id, "00000000-0000-0000-0000-000000000000"])
      await expect(graph.api(`/groups/${id}`).get()).rejects.toMatchObject({
        statusCode: 404,
        code: "Request_ResourceNotFound",
      });
  });
});

describe("POST /users/{id}/getMemberObjects", () => {
  it("lists security groups only or every group; needs User.Read.All or User.ReadBasic.All and GroupMember.Read.All", async () => {
    const ask = (graph: Client, securityEnabledOnly: boolean) =>
      graph.api(`/users/${person.userPrincipalName}/getMemberObjects`).post({ securityEnabledOnly });
    const readAll = appGraph(["User.Read.All"]);
    expect(memberObjectsResponseSchema.parse(await ask(readAll, true)).value).toEqual([security.id]);
    expect(memberObjectsResponseSchema.parse(await ask(readAll, false)).value).toEqual([
      security.id,
      distribution.id,
    ]);
    const pair = appGraph(["User.ReadBasic.All", "GroupMember.Read.All"]);
    expect(memberObjectsResponseSchema.parse(await ask(pair, true)).value).toEqual([security.id]);
    await expect(ask(appGraph(["User.ReadBasic.All"]), true)).rejects.toMatchObject({ statusCode: 403 });
    await expect(readAll.api(`/users/${person.id}/getMemberObjects`).post({})).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it("with a delegated User.Read token: the signed-in user's own memberships (/me too), nobody else's", async () => {
    const { cca } = msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, {
      clientSecret: fx.app.clientSecret,
    });
    const session = await signIn(fx.emulator, cca, person.userPrincipalName, ["User.Read"]);
    const graph = graphClientFor(fx.emulator, session.getAccessToken);
    for (const path of ["/me/getMemberObjects", `/users/${person.id}/getMemberObjects`])
      expect(
        memberObjectsResponseSchema.parse(await graph.api(path).post({ securityEnabledOnly: false })).value,
      ).toEqual([security.id, distribution.id]);
    await expect(
      graph.api(`/users/${fx.users[1]?.id ?? ""}/getMemberObjects`).post({ securityEnabledOnly: false }),
    ).rejects.toMatchObject({ statusCode: 403 });
  });
});
