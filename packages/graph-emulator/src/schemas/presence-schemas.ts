import { z } from "zod";
import { ACTIVITIES, AVAILABILITIES } from "../presence/vocabulary.ts";

/** setPresence body (reference §3.1): sessionId, availability, activity, optional expirationDuration. */
export const setPresenceBodySchema = z.object({
  sessionId: z.string().min(1),
  availability: z.string().min(1),
  activity: z.string().min(1),
  expirationDuration: z.string().optional(),
});

/** clearPresence body (reference §3.2). */
export const clearPresenceBodySchema = z.object({ sessionId: z.string().min(1) });

/** setUserPreferredPresence body (reference §3.3). */
export const setUserPreferredPresenceBodySchema = z.object({
  availability: z.string().min(1),
  activity: z.string().min(1),
  expirationDuration: z.string().optional(),
});

/** dateTimeTimeZone (reference §1.2/§3.5): `dateTime` without zone, `timeZone` separately. */
export const dateTimeTimeZoneSchema = z.object({ dateTime: z.string().min(1), timeZone: z.string().min(1) });

/** setStatusMessage body (reference §3.5). */
export const setStatusMessageBodySchema = z.object({
  statusMessage: z.object({
    message: z.object({ content: z.string(), contentType: z.string().optional() }),
    expiryDateTime: dateTimeTimeZoneSchema.nullish(),
  }),
});

/** getPresencesByUserId body (reference §2.2). The 650 limit is checked by the handler for its own error. */
export const getPresencesByUserIdBodySchema = z.object({ ids: z.array(z.string()) });

const statusMessageSchema = z
  .object({
    message: z.object({ content: z.string(), contentType: z.literal("text") }),
    expiryDateTime: dateTimeTimeZoneSchema.nullable().optional(),
    publishedDateTime: z.string().optional(),
  })
  .strict();

/** presence resource as served (reference §1.1, §1.2): PascalCase values. */
export const presenceResourceSchema = z
  .object({
    "@odata.context": z.string().optional(),
    id: z.string(),
    availability: z.enum(AVAILABILITIES),
    activity: z.enum(ACTIVITIES),
    sequenceNumber: z.string(),
    outOfOfficeSettings: z.object({ message: z.string().nullable(), isOutOfOffice: z.boolean() }).strict(),
    statusMessage: statusMessageSchema.nullable(),
  })
  .strict();

/** presence as another user sees it: no expiryDateTime / publishedDateTime (reference §1.2). */
export const otherUserPresenceSchema = presenceResourceSchema.extend({
  statusMessage: statusMessageSchema
    .omit({ expiryDateTime: true, publishedDateTime: true })
    .strict()
    .nullable(),
});

export const presenceCollectionSchema = z.object({
  "@odata.context": z.string().optional(),
  value: z.array(presenceResourceSchema),
});
