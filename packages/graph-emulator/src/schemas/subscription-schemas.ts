import { z } from "zod";

/** POST /subscriptions body (reference §4.1, §4.2). Presence-specific rules are checked by the handler. */
export const createSubscriptionBodySchema = z.object({
  changeType: z.string().min(1),
  notificationUrl: z.string().min(1),
  resource: z.string().min(1),
  expirationDateTime: z.string().min(1),
  clientState: z.string().nullish(),
  lifecycleNotificationUrl: z.string().nullish(),
  includeResourceData: z.boolean().nullish(),
  encryptionCertificate: z.string().nullish(),
  encryptionCertificateId: z.string().nullish(),
  latestSupportedTlsVersion: z.enum(["v1_0", "v1_1", "v1_2", "v1_3"]).nullish(),
  notificationUrlAppId: z.string().nullish(),
});

/** PATCH /subscriptions/{id} body: expirationDateTime and/or notificationUrl (reference §4.2). */
export const updateSubscriptionBodySchema = z
  .object({ expirationDateTime: z.string().min(1).optional(), notificationUrl: z.string().min(1).optional() })
  .strict();

/** subscription resource as served (reference §4.2, create-response example). */
export const subscriptionResourceSchema = z
  .object({
    "@odata.context": z.string().optional(),
    id: z.string(),
    resource: z.string(),
    applicationId: z.string(),
    changeType: z.string(),
    clientState: z.string().nullable(),
    notificationUrl: z.string(),
    notificationQueryOptions: z.null(),
    lifecycleNotificationUrl: z.string().nullable(),
    expirationDateTime: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/),
    creatorId: z.string(),
    includeResourceData: z.boolean(),
    latestSupportedTlsVersion: z.string(),
    encryptionCertificate: z.string().nullable(),
    encryptionCertificateId: z.string().nullable(),
    notificationUrlAppId: z.string().nullable(),
  })
  .strict();

/** A basic presence change notification (reference §4.1 "Basic notification"). */
export const changeNotificationSchema = z
  .object({
    subscriptionId: z.string(),
    clientState: z.string().nullable(),
    changeType: z.literal("updated"),
    tenantId: z.string(),
    organizationId: z.string(),
    resource: z.string().regex(/^communications\/presences\/[0-9a-f-]{36}$/i),
    subscriptionExpirationDateTime: z.string(),
    resourceData: z
      .object({
        "@odata.id": z.string(),
        "@odata.type": z.literal("#microsoft.graph.presence"),
        id: z.string(),
      })
      .strict(),
  })
  .strict();

export const changeNotificationCollectionSchema = z
  .object({ value: z.array(changeNotificationSchema).min(1) })
  .strict();

/** A lifecycle notification (reference §4.5 payload). */
export const lifecycleNotificationCollectionSchema = z
  .object({
    value: z
      .array(
        z
          .object({
            subscriptionId: z.string(),
            subscriptionExpirationDateTime: z.string(),
            tenantId: z.string(),
            clientState: z.string().nullable(),
            lifecycleEvent: z.enum(["reauthorizationRequired", "subscriptionRemoved", "missed"]),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
