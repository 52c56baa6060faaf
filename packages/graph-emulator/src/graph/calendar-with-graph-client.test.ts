import { GraphError, type Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarViewPageSchema, eventResourceSchema } from "../schemas/outlook-schemas.ts";
import { appClient } from "../testing/app-client.ts";
import { startFixture, type Fixture } from "../testing/fixture.ts";
import { graphClientFor, msalFor } from "../testing/sdk-clients.ts";
import { signIn } from "../testing/sign-in.ts";

let fx: Fixture;
let reader: Client;
let basic: Client;
let ada: string;

beforeAll(async () => {
  fx = await startFixture();
  ada = fx.users[0]?.id ?? "";
  reader = appClient(fx.emulator, fx.tenant.id, ["Calendars.Read"]).graph;
  basic = appClient(fx.emulator, fx.tenant.id, ["Calendars.ReadBasic"]).graph;
  const add = (subject: string, start: string, end: string, extra: Record<string, unknown> = {}) =>
    fx.emulator.control.addCalendarEvent(ada, {
      subject,
      start,
      end,
      body: `agenda of ${subject}`,
      ...extra,
    });
  add("Before the window", "2030-01-06T08:00:00Z", "2030-01-06T09:00:00Z");
  add("Ends at the window start", "2030-01-06T09:00:00Z", "2030-01-06T10:00:00Z");
  add("Straddles the start", "2030-01-06T09:30:00Z", "2030-01-06T10:30:00Z", { showAs: "tentative" });
  add("Inside", "2030-01-06T11:00:00Z", "2030-01-06T11:30:00Z", { location: "Room 1" });
  add("Straddles the end", "2030-01-06T11:45:00Z", "2030-01-06T12:15:00Z", { showAs: "oof" });
  add("Starts at the window end", "2030-01-06T12:00:00Z", "2030-01-06T13:00:00Z");
});
afterAll(() => fx.emulator.close());

const WINDOW = { startDateTime: "2030-01-06T10:00:00Z", endDateTime: "2030-01-06T12:00:00Z" };

async function failure(promise: Promise<unknown>): Promise<GraphError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GraphError)) throw new Error(`expected a GraphError, got ${String(error)}`);
  return error;
}

describe("GET /users/{id}/calendarView", () => {
  it("returns the events overlapping the window, in start order, with start/end in UTC", async () => {
    const page = calendarViewPageSchema.parse(
      await reader.api(`/users/${ada}/calendarView`).query(WINDOW).get(),
    );
    expect(page.value.map((e) => e.subject)).toEqual(["Straddles the start", "Inside", "Straddles the end"]);
    const inside = page.value[1];
    expect(inside?.start).toEqual({ dateTime: "2030-01-06T11:00:00.0000000", timeZone: "UTC" });
    expect(inside).toMatchObject({
      showAs: "busy",
      body: { contentType: "text", content: "agenda of Inside" },
    });
    expect(page["@odata.nextLink"]).toBeUndefined();
    // The user principal name addresses the same mailbox.
    const byUpn = calendarViewPageSchema.parse(
      await reader
        .api(`/users/${fx.users[0]?.userPrincipalName ?? ""}/calendarView`)
        .query(WINDOW)
        .get(),
    );
    expect(byUpn.value).toHaveLength(3);
  });

  it("answers 400 ErrorInvalidParameter without startDateTime/endDateTime", async () => {
    const error = await failure(
      reader.api(`/users/${ada}/calendarView`).query({ startDateTime: WINDOW.startDateTime }).get(),
    );
    expect([error.statusCode, error.code]).toEqual([400, "ErrorInvalidParameter"]);
    expect(error.message).toMatch(/StartDateTime and EndDateTime/);
  });

  it("honours $select: only the selected properties plus id and @odata.etag", async () => {
    const page = calendarViewPageSchema.parse(
      await reader.api(`/users/${ada}/calendarView`).query(WINDOW).select(["subject", "showAs"]).get(),
    );
    for (const event of page.value)
      expect(Object.keys(event).sort()).toEqual(["@odata.etag", "id", "showAs", "subject"]);
    const error = await failure(
      reader.api(`/users/${ada}/calendarView`).query(WINDOW).select(["subject", "notAProperty"]).get(),
    );
    expect(error.statusCode).toBe(400);
  });

  it("pages with $top and follows @odata.nextLink to the end", async () => {
    const wide = { startDateTime: "2030-01-06T00:00:00Z", endDateTime: "2030-01-07T00:00:00Z" };
    const first = calendarViewPageSchema.parse(
      await reader.api(`/users/${ada}/calendarView`).query(wide).top(4).get(),
    );
    expect(first.value).toHaveLength(4);
    expect(first["@odata.nextLink"]).toBeDefined();
    const second = calendarViewPageSchema.parse(await reader.api(first["@odata.nextLink"] ?? "").get());
    expect(second.value.map((e) => e.subject)).toEqual(["Straddles the end", "Starts at the window end"]);
    expect(second["@odata.nextLink"]).toBeUndefined();
  });

  it("renders start/end in the zone asked for with Prefer: outlook.timezone", async () => {
    const page = calendarViewPageSchema.parse(
      await reader
        .api(`/users/${ada}/calendarView`)
        .query(WINDOW)
        .header("Prefer", 'outlook.timezone="Pacific Standard Time"')
        .select(["start", "end"])
        .get(),
    );
    expect(page.value[1]?.start).toEqual({
      dateTime: "2030-01-06T03:00:00.0000000",
      timeZone: "Pacific Standard Time",
    });
    expect(page.value[1]?.end?.dateTime).toBe("2030-01-06T03:30:00.0000000");
  });

  it("with Calendars.ReadBasic leaves out body and bodyPreview (subject, times and showAs stay)", async () => {
    const page = calendarViewPageSchema.parse(
      await basic.api(`/users/${ada}/calendarView`).query(WINDOW).get(),
    );
    const inside = page.value[1] ?? {};
    expect(inside).not.toHaveProperty("body");
    expect(inside).not.toHaveProperty("bodyPreview");
    expect(inside).toMatchObject({ subject: "Inside", showAs: "busy" });
    const selected = calendarViewPageSchema.parse(
      await basic.api(`/users/${ada}/calendarView`).query(WINDOW).select(["body", "subject"]).get(),
    );
    expect(Object.keys(selected.value[0] ?? {}).sort()).toEqual(["@odata.etag", "id", "subject"]);
  });

  it("answers 403 ErrorAccessDenied without a calendar permission, 404 for an unknown user", async () => {
    const presenceOnly = appClient(fx.emulator, fx.tenant.id, ["Presence.Read.All", "User.Read.All"]).graph;
    const error = await failure(presenceOnly.api(`/users/${ada}/calendarView`).query(WINDOW).get());
    expect([error.statusCode, error.code]).toEqual([403, "ErrorAccessDenied"]);
    expect(error.headers?.get("content-type")).toMatch(/^application\/json/);
    await expect(
      reader.api("/users/nobody@contoso.com/calendarView").query(WINDOW).get(),
    ).rejects.toMatchObject({ statusCode: 404, code: "ErrorInvalidUser" });
  });
});

describe("GET /users/{id}/events/{id}", () => {
  it("returns one event (for notifications), 404 ErrorItemNotFound once it is gone", async () => {
    const created = fx.emulator.control.addCalendarEvent(ada, {
      subject: "Single",
      start: "2030-02-01T10:00:00Z",
      end: "2030-02-01T11:00:00Z",
    });
    const event = eventResourceSchema.parse(await reader.api(`/users/${ada}/events/${created.id}`).get());
    expect(event).toMatchObject({ id: created.id, subject: "Single", "@odata.etag": created.etag });
    fx.emulator.control.removeCalendarEvent(ada, created.id);
    await expect(reader.api(`/users/${ada}/events/${created.id}`).get()).rejects.toMatchObject({
      statusCode: 404,
      code: "ErrorItemNotFound",
    });
  });
});

describe("GET /me/calendarView (delegated)", () => {
  it("reads the signed-in user's calendar with Calendars.Read; another user's is 403", async () => {
    const { app } = appClient(fx.emulator, fx.tenant.id, [], {
      delegatedScopes: ["Calendars.Read", "offline_access"],
    });
    const { cca } = msalFor(fx.emulator, fx.tenant.id, app.clientId, { clientSecret: app.clientSecret });
    const session = await signIn(fx.emulator, cca, fx.users[0]?.userPrincipalName ?? "", ["Calendars.Read"]);
    const me = graphClientFor(fx.emulator, session.getAccessToken);
    const page = calendarViewPageSchema.parse(await me.api("/me/calendarView").query(WINDOW).get());
    expect(page.value).toHaveLength(3);
    await expect(
      me
        .api(`/users/${fx.users[1]?.id ?? ""}/calendarView`)
        .query(WINDOW)
        .get(),
    ).rejects.toMatchObject({ statusCode: 403 });
    await expect(reader.api("/me/calendarView").query(WINDOW).get()).rejects.toMatchObject({
      statusCode: 400,
    });
  });
});
