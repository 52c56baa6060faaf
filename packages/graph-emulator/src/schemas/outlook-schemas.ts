import { z } from "zod";
import { AUTOMATIC_REPLIES_STATUSES, EXTERNAL_AUDIENCES } from "../outlook/automatic-replies.ts";
import { SENSITIVITIES, SHOW_AS } from "../outlook/calendar-event.ts";

/** Graph enums are read case-insensitively (the update-mailboxSettings example sends `"Scheduled"`). */
function enumIgnoringCase<const T extends readonly [string, ...string[]]>(values: T) {
  return z.string().transform((value, ctx) => {
    const found = values.find((v) => v.toLowerCase() === value.toLowerCase());
    if (found === undefined) {
      ctx.addIssue({ code: "custom", message: `must be one of ${values.join(", ")}` });
      return z.NEVER;
    }
    return found as T[number];
  });
}

const dateTimeTimeZoneInputSchema = z
  .object({ dateTime: z.string().min(1), timeZone: z.string().min(1), "@odata.type": z.string().optional() })
  .strict();

/** automaticRepliesSetting as a client PATCHes it (resources/automaticrepliessetting). */
export const automaticRepliesSettingInputSchema = z
  .object({
    "@odata.type": z.string().optional(),
    status: enumIgnoringCase(AUTOMATIC_REPLIES_STATUSES).optional(),
    externalAudience: enumIgnoringCase(EXTERNAL_AUDIENCES).optional(),
    internalReplyMessage: z.string().optional(),
    externalReplyMessage: z.string().optional(),
    scheduledStartDateTime: dateTimeTimeZoneInputSchema.optional(),
    scheduledEndDateTime: dateTimeTimeZoneInputSchema.optional(),
  })
  .strict();

/** PATCH /users/{id}/mailboxSettings: the settings the emulator keeps (others are refused as unknown). */
export const updateMailboxSettingsBodySchema = z
  .object({
    "@odata.context": z.string().optional(),
    automaticRepliesSetting: automaticRepliesSettingInputSchema.optional(),
    timeZone: z.string().min(1).optional(),
    dateFormat: z.string().min(1).optional(),
    timeFormat: z.string().min(1).optional(),
  })
  .strict();

const servedDateTime = z
  .object({
    dateTime: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}$/),
    timeZone: z.string(),
  })
  .strict();

/** automaticRepliesSetting as served. */
export const automaticRepliesSettingSchema = z
  .object({
    "@odata.context": z.string().optional(),
    status: z.enum(AUTOMATIC_REPLIES_STATUSES),
    externalAudience: z.enum(EXTERNAL_AUDIENCES),
    internalReplyMessage: z.string(),
    externalReplyMessage: z.string(),
    scheduledStartDateTime: servedDateTime,
    scheduledEndDateTime: servedDateTime,
  })
  .strict();

/** mailboxSettings as served (user-get-mailboxsettings). */
export const mailboxSettingsSchema = z
  .object({
    "@odata.context": z.string().optional(),
    archiveFolder: z.string(),
    timeZone: z.string(),
    delegateMeetingMessageDeliveryOptions: z.string(),
    dateFormat: z.string(),
    timeFormat: z.string(),
    userPurpose: z.string(),
    automaticRepliesSetting: automaticRepliesSettingSchema,
    language: z.object({ locale: z.string(), displayName: z.string() }).strict(),
    workingHours: z
      .object({
        daysOfWeek: z.array(z.string()),
        startTime: z.string(),
        endTime: z.string(),
        timeZone: z.object({ name: z.string() }).strict(),
      })
      .strict(),
  })
  .strict();

/** An event as served; every property but `id` and `@odata.etag` is optional ($select, Calendars.ReadBasic). */
export const eventResourceSchema = z
  .object({
    "@odata.context": z.string().optional(),
    "@odata.etag": z.string().regex(/^W\/".+"$/),
    id: z.string().min(1),
    subject: z.string().optional(),
    body: z.object({ contentType: z.string(), content: z.string() }).strict().optional(),
    bodyPreview: z.string().optional(),
    showAs: z.enum(SHOW_AS).optional(),
    sensitivity: z.enum(SENSITIVITIES).optional(),
    isAllDay: z.boolean().optional(),
    isCancelled: z.boolean().optional(),
    start: servedDateTime.optional(),
    end: servedDateTime.optional(),
  })
  .passthrough();

export const calendarViewPageSchema = z
  .object({
    "@odata.context": z.string(),
    "@odata.nextLink": z.string().url().optional(),
    value: z.array(eventResourceSchema),
  })
  .strict();

/** A basic (no resource data) change notification for an Outlook event (outlook-change-notifications-overview). */
export const eventChangeNotificationSchema = z
  .object({
    subscriptionId: z.string(),
    subscriptionExpirationDateTime: z.string(),
    changeType: z.enum(["created", "updated", "deleted"]),
    resource: z.string().regex(/^Users\/[0-9a-f-]{36}\/Events\/.+$/),
    resourceData: z
      .object({
        "@odata.type": z.literal("#Microsoft.Graph.Event"),
        "@odata.id": z.string(),
        "@odata.etag": z.string(),
        id: z.string(),
      })
      .strict(),
    clientState: z.string().nullable(),
    tenantId: z.string(),
  })
  .strict();

export const eventChangeNotificationCollectionSchema = z
  .object({ value: z.array(eventChangeNotificationSchema).min(1) })
  .strict();
