import { z } from "zod";
import { GROUP_MEMBERSHIP_CLAIMS } from "../directory/directory.ts";
import { FAULT_TARGETS } from "../faults.ts";
import { AUTOMATIC_REPLIES_STATUSES, EXTERNAL_AUDIENCES } from "../outlook/automatic-replies.ts";
import { SENSITIVITIES, SHOW_AS } from "../outlook/calendar-event.ts";
import { ACTIVITIES, AVAILABILITIES } from "../presence/vocabulary.ts";

/** Inputs of the control API, shared by the in-process API and its HTTP mirror under /_emulator. */
const guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be a GUID");
const availability = z.enum(AVAILABILITIES);
const activity = z.enum(ACTIVITIES);
/** `None`, `SecurityGroup` or `All`; `ApplicationGroup` and `DirectoryRole` are not modelled (no app role assignments or directory roles). */
const groupMembershipClaims = z.enum(GROUP_MEMBERSHIP_CLAIMS);

export const createTenantSchema = z
  .object({
    id: guid.optional(),
    displayName: z.string().min(1).optional(),
    domain: z.string().min(3).optional(),
  })
  .strict();

export const createUserSchema = z
  .object({
    tenantId: z.string().min(1),
    id: guid.optional(),
    displayName: z.string().min(1),
    userPrincipalName: z.string().includes("@").optional(),
    mail: z.string().includes("@").nullable().optional(),
    givenName: z.string().optional(),
    surname: z.string().optional(),
    jobTitle: z.string().optional(),
    password: z.string().optional(),
    accountEnabled: z.boolean().optional(),
  })
  .strict();

/** What an admin changes on an existing user; `accountEnabled: false` blocks sign-in (AADSTS50057). */
export const updateUserSchema = z
  .object({
    displayName: z.string().min(1).optional(),
    mail: z.string().includes("@").nullable().optional(),
    password: z.string().optional(),
    accountEnabled: z.boolean().optional(),
  })
  .strict();

export const createGroupSchema = z
  .object({
    tenantId: z.string().min(1),
    id: guid.optional(),
    displayName: z.string().min(1),
    description: z.string().optional(),
    mailNickname: z.string().min(1).optional(),
    /** Default true: a security group. False (with mailEnabled) is e.g. a distribution list, emitted only by `All`. */
    securityEnabled: z.boolean().optional(),
    mailEnabled: z.boolean().optional(),
    memberIds: z.array(z.string().min(1)).optional(),
  })
  .strict();

export const groupMembersSchema = z.object({ userIds: z.array(z.string().min(1)).min(1) }).strict();

export const createAppSchema = z
  .object({
    tenantId: z.string().min(1),
    clientId: guid.optional(),
    displayName: z.string().min(1).optional(),
    clientSecret: z.string().min(1).optional(),
    certificatePem: z.string().includes("BEGIN CERTIFICATE").optional(),
    redirectUris: z.array(z.string().url()).optional(),
    applicationPermissions: z.array(z.string().min(1)).optional(),
    delegatedScopes: z.array(z.string().min(1)).optional(),
    groupMembershipClaims: groupMembershipClaims.optional(),
  })
  .strict();

export const updateAppSchema = z
  .object({
    applicationPermissions: z.array(z.string().min(1)).optional(),
    delegatedScopes: z.array(z.string().min(1)).optional(),
    redirectUris: z.array(z.string().url()).optional(),
    addClientSecret: z.string().min(1).optional(),
    addCertificatePem: z.string().includes("BEGIN CERTIFICATE").optional(),
    groupMembershipClaims: groupMembershipClaims.optional(),
  })
  .strict();

export const nextSignInSchema = z.union([
  z.object({ userId: z.string().min(1) }).strict(),
  z.object({ deny: z.literal(true) }).strict(),
]);

export const revokeGrantsSchema = z
  .object({ userId: z.string().min(1), clientId: z.string().min(1).optional() })
  .strict();

export const teamsSessionSchema = z
  .object({
    availability,
    activity,
    sessionId: z.string().min(1).optional(),
    /** Emulator milliseconds (not scaled); absent = until closed. */
    expiresInMs: z.number().int().positive().optional(),
    /** Fade Available → AvailableIdle → Away like an app session. Default false (an open client keeps itself fresh). */
    fades: z.boolean().optional(),
  })
  .strict();

export const updateTeamsSessionSchema = z.object({ availability, activity }).strict();

export const preferredPresenceSchema = z
  .object({ availability, activity, expiresInMs: z.number().int().positive().optional() })
  .strict();

export const outOfOfficeSchema = z
  .object({ isOutOfOffice: z.boolean(), message: z.string().nullable().optional() })
  .strict();

export const statusMessageSchema = z
  .object({ content: z.string(), expiresInMs: z.number().int().positive().optional() })
  .strict();

export const faultSchema = z
  .object({
    target: z.enum(FAULT_TARGETS),
    count: z.number().int().positive().optional(),
    status: z.number().int().min(400).max(599).optional(),
    retryAfterS: z.number().int().min(0).optional(),
    code: z.string().min(1).optional(),
    message: z.string().min(1).optional(),
  })
  .strict();

/** An instant as ISO 8601 with `Z` or an offset (calendar events and auto-reply schedules are UTC instants). */
const instant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i,
    "must be ISO 8601 with Z or an offset",
  )
  .refine((value) => !Number.isNaN(Date.parse(value)), "must be a valid date-time");

const eventFields = {
  start: instant,
  end: instant,
  showAs: z.enum(SHOW_AS),
  isAllDay: z.boolean(),
  subject: z.string(),
  sensitivity: z.enum(SENSITIVITIES),
  isCancelled: z.boolean(),
  body: z.string(),
  location: z.string(),
};

/** A new event in the user's calendar; defaults: showAs busy, not all-day, subject "", sensitivity normal. */
export const calendarEventSchema = z
  .object({
    /** URL-safe; default a fresh Outlook-style id. */
    id: z
      .string()
      .regex(/^[A-Za-z0-9_=-]+$/, "must be URL-safe (letters, digits, _ - =)")
      .optional(),
    start: eventFields.start,
    end: eventFields.end,
    showAs: eventFields.showAs.optional(),
    isAllDay: eventFields.isAllDay.optional(),
    subject: eventFields.subject.optional(),
    sensitivity: eventFields.sensitivity.optional(),
    isCancelled: eventFields.isCancelled.optional(),
    body: eventFields.body.optional(),
    location: eventFields.location.optional(),
  })
  .strict()
  .refine((e) => Date.parse(e.end) >= Date.parse(e.start), {
    message: "end must not be before start",
    path: ["end"],
  });

/** A change to an existing event (the person edits it in Outlook). */
export const updateCalendarEventSchema = z
  .object({
    start: eventFields.start.optional(),
    end: eventFields.end.optional(),
    showAs: eventFields.showAs.optional(),
    isAllDay: eventFields.isAllDay.optional(),
    subject: eventFields.subject.optional(),
    sensitivity: eventFields.sensitivity.optional(),
    isCancelled: eventFields.isCancelled.optional(),
    body: eventFields.body.optional(),
    location: eventFields.location.optional(),
  })
  .strict();

/** The person's automatic replies (Outlook "Automatic replies"); scheduled times are UTC instants. */
export const automaticRepliesSchema = z
  .object({
    status: z.enum(AUTOMATIC_REPLIES_STATUSES),
    scheduledStartDateTime: instant.optional(),
    scheduledEndDateTime: instant.optional(),
    internalReplyMessage: z.string().optional(),
    externalReplyMessage: z.string().optional(),
    externalAudience: z.enum(EXTERNAL_AUDIENCES).optional(),
  })
  .strict();
