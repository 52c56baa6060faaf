import { PageIterator, type Client, type PageCollection } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userCollectionSchema, userResourceSchema } from "../schemas/user-schemas.ts";
import { startFixture, type Fixture } from "../testing/fixture.ts";
import { appTokenProvider, graphClientFor, msalFor } from "../testing/sdk-clients.ts";

let fx: Fixture;
let graph: Client;

beforeAll(async () => {
  fx = await startFixture({}, 7);
  const { cca } = msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, { clientSecret: fx.app.clientSecret });
  graph = graphClientFor(fx.emulator, appTokenProvider(fx.emulator, cca));
});
afterAll(() => fx.emulator.close());

describe("GET /users", () => {
  it("pages with $top and @odata.nextLink; the SDK's PageIterator walks every page", async () => {
    const first = userCollectionSchema.parse(
      await graph.api("/users").top(3).select("id,displayName,mail").get(),
    );
    expect(first.value).toHaveLength(3);
    expect(Object.keys(first.value[0] ?? {}).sort()).toEqual(["displayName", "id", "mail"]);
    expect(first["@odata.nextLink"]).toMatch(new RegExp(`^${fx.emulator.url}/v1.0/users\\?`));

    const seen: string[] = [];
    const iterator = new PageIterator(graph, first as PageCollection, (user: { id: string }) => {
      seen.push(user.id);
      return true;
    });
    await iterator.iterate();
    expect(seen).toEqual(fx.users.map((u) => u.id));
    const requests = fx.emulator.control
      .requests({ surface: "graph", method: "GET" })
      .filter((r) => r.path === "/v1.0/users");
    expect(requests.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it("filters by mail and by userPrincipalName", async () => {
    const target = fx.users[4];
    const byMail = userCollectionSchema.parse(
      await graph
        .api("/users")
        .filter(`mail eq '${target?.mail ?? ""}'`)
        .get(),
    );
    expect(byMail.value.map((u) => u.id)).toEqual([target?.id]);
    expect(byMail["@odata.nextLink"]).toBeUndefined();
    const byUpn = userCollectionSchema.parse(
      await graph
        .api("/users")
        .filter(`userPrincipalName eq '${(target?.userPrincipalName ?? "").toUpperCase()}'`)
        .get(),
    );
    expect(byUpn.value.map((u) => u.id)).toEqual([target?.id]);
    const none = userCollectionSchema.parse(
      await graph.api("/users").filter("mail eq 'nobody@contoso.com'").get(),
    );
    expect(none.value).toEqual([]);
  });

  it("refuses unknown properties, unsupported filters and out-of-range $top with 400", async () => {
    await expect(graph.api("/users").select("id,favouriteColour").get()).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(graph.api("/users").filter("city eq 'Paris'").get()).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(graph.api("/users").top(1000).get()).rejects.toMatchObject({ statusCode: 400 });
    await expect(graph.api("/users").orderby("displayName").get()).rejects.toMatchObject({ statusCode: 400 });
  });
});

describe("GET /users/{id}", () => {
  it("finds a user by id or userPrincipalName, 404 otherwise", async () => {
    const user = fx.users[2];
    expect(userResourceSchema.parse(await graph.api(`/users/${user?.id ?? ""}`).get())).toMatchObject({
      id: user?.id,
      displayName: user?.displayName,
    });
    expect(
      await graph
        .api(`/users/${user?.userPrincipalName ?? ""}`)
        .select("id")
        .get(),
    ).toMatchObject({ id: user?.id });
    await expect(graph.api("/users/00000000-0000-0000-0000-000000000000").get()).rejects.toMatchObject({
      statusCode: 404,
      code: "Request_ResourceNotFound",
    });
  });
});
