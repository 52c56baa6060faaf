import type { Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { automaticRepliesSettingSchema, mailboxSettingsSchema } from "../schemas/outlook-schemas.ts";
import { appClient } from "../testing/app-client.ts";
import { startFixture, type Fixture } from "../testing/fixture.ts";

let fx: Fixture;
let readWrite: Client;
let readOnly: Client;
const user = (i: number): string => fx.users[i]?.id ?? "";

beforeAll(async () => {
  fx = await startFixture();
  readWrite = appClient(fx.emulator, fx.tenant.id, ["MailboxSettings.ReadWrite"]).graph;
  readOnly = appClient(fx.emulator, fx.tenant.id, ["MailboxSettings.Read"]).graph;
});
afterAll(() => fx.emulator.close());

describe("mailboxSettings", () => {
  it("GET answers the documented shape, automatic replies disabled at first", async () => {
    const settings = mailboxSettingsSchema.parse(
      await readOnly.api(`/users/${user(0)}/mailboxSettings`).get(),
    );
    expect(settings.automaticRepliesSetting).toMatchObject({ status: "disabled", externalAudience: "all" });
    expect(settings.timeZone).toBe("UTC");
    const replies = automaticRepliesSettingSchema.parse(
      await readOnly.api(`/users/${user(0)}/mailboxSettings/automaticRepliesSetting`).get(),
    );
    expect(replies.status).toBe("disabled");
  });

  it("PATCH schedules automatic replies (times in any zone, read back in UTC) and answers the update", async () => {
    const answer = (await readWrite.api(`/users/${user(0)}/mailboxSettings`).patch({
      automaticRepliesSetting: {
        status: "Scheduled",
        scheduledStartDateTime: { dateTime: "2030-03-20T18:00:00.0000000", timeZone: "UTC" },
        scheduledEndDateTime: { dateTime: "2030-03-28T09:00:00", timeZone: "Pacific Standard Time" },
        internalReplyMessage: "Back on the 28th",
        externalReplyMessage: "Away until the 28th",
        externalAudience: "contactsOnly",
      },
    })) as Record<string, unknown>;
    expect(Object.keys(answer).sort()).toEqual(["@odata.context", "automaticRepliesSetting"]);
    const replies = automaticRepliesSettingSchema.parse(
      await readOnly.api(`/users/${user(0)}/mailboxSettings/automaticRepliesSetting`).get(),
    );
    expect(replies).toMatchObject({
      status: "scheduled",
      externalAudience: "contactsOnly",
      internalReplyMessage: "Back on the 28th",
      scheduledStartDateTime: { dateTime: "2030-03-20T18:00:00.0000000", timeZone: "UTC" },
      scheduledEndDateTime: { dateTime: "2030-03-28T16:00:00.0000000", timeZone: "UTC" },
    });
    expect(fx.emulator.control.mailboxSettings(user(0)).automaticRepliesSetting.status).toBe("scheduled");
  });

  it("PATCH refuses an end before the start, unknown properties and a read-only permission", async () => {
    await expect(
      readWrite.api(`/users/${user(1)}/mailboxSettings`).patch({
        automaticRepliesSetting: {
          status: "scheduled",
          scheduledStartDateTime: { dateTime: "2030-03-20T18:00:00", timeZone: "UTC" },
          scheduledEndDateTime: { dateTime: "2030-03-19T18:00:00", timeZone: "UTC" },
        },
      }),
    ).rejects.toMatchObject({ statusCode: 400, code: "ErrorInvalidScheduledOofDuration" });
    await expect(
      readWrite
        .api(`/users/${user(1)}/mailboxSettings`)
        .patch({ automaticRepliesSetting: { status: "sometimes" } }),
    ).rejects.toMatchObject({ statusCode: 400 });
    await expect(
      readWrite.api(`/users/${user(1)}/mailboxSettings`).patch({ notASetting: true }),
    ).rejects.toMatchObject({ statusCode: 400 });
    await expect(
      readOnly
        .api(`/users/${user(1)}/mailboxSettings`)
        .patch({ automaticRepliesSetting: { status: "alwaysEnabled" } }),
    ).rejects.toMatchObject({ statusCode: 403, code: "ErrorAccessDenied" });
  });

  it("answers 403 without MailboxSettings permissions", async () => {
    const calendarOnly = appClient(fx.emulator, fx.tenant.id, ["Calendars.Read"]).graph;
    await expect(calendarOnly.api(`/users/${user(0)}/mailboxSettings`).get()).rejects.toMatchObject({
      statusCode: 403,
      code: "ErrorAccessDenied",
    });
  });

  it("the control API sets automatic replies as Outlook would (validated)", () => {
    const replies = fx.emulator.control.setAutomaticReplies(user(2), {
      status: "alwaysEnabled",
      internalReplyMessage: "On leave",
    });
    expect(replies).toMatchObject({ status: "alwaysEnabled", internalReplyMessage: "On leave" });
    expect(() =>
      fx.emulator.control.setAutomaticReplies(user(2), {
        status: "scheduled",
        scheduledStartDateTime: "soon",
      }),
    ).toThrow();
  });
});
