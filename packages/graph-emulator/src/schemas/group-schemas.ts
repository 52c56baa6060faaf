import { z } from "zod";

/**
 * group properties the emulator serves (Graph group-get "Return all default properties" sample, without the
 * on-premises and extension ones); all of them are the default set and selectable with `$select`.
 */
export const GROUP_PROPERTIES = [
  "id",
  "deletedDateTime",
  "classification",
  "createdDateTime",
  "description",
  "displayName",
  "expirationDateTime",
  "groupTypes",
  "isAssignableToRole",
  "mail",
  "mailEnabled",
  "mailNickname",
  "membershipRule",
  "membershipRuleProcessingState",
  "preferredDataLocation",
  "preferredLanguage",
  "proxyAddresses",
  "renewedDateTime",
  "resourceBehaviorOptions",
  "resourceProvisioningOptions",
  "securityEnabled",
  "securityIdentifier",
  "theme",
  "visibility",
] as const;

export const groupResourceSchema = z
  .object({
    "@odata.context": z.string(),
    id: z.string(),
    deletedDateTime: z.string().nullable(),
    classification: z.string().nullable(),
    createdDateTime: z.string(),
    description: z.string().nullable(),
    displayName: z.string(),
    expirationDateTime: z.string().nullable(),
    groupTypes: z.array(z.string()),
    isAssignableToRole: z.boolean().nullable(),
    mail: z.string().nullable(),
    mailEnabled: z.boolean(),
    mailNickname: z.string(),
    membershipRule: z.string().nullable(),
    membershipRuleProcessingState: z.string().nullable(),
    preferredDataLocation: z.string().nullable(),
    preferredLanguage: z.string().nullable(),
    proxyAddresses: z.array(z.string()),
    renewedDateTime: z.string(),
    resourceBehaviorOptions: z.array(z.string()),
    resourceProvisioningOptions: z.array(z.string()),
    securityEnabled: z.boolean(),
    securityIdentifier: z.string(),
    theme: z.string().nullable(),
    visibility: z.string().nullable(),
  })
  .partial()
  .strict();

/** directoryObject getMemberObjects request body. */
export const getMemberObjectsBodySchema = z.object({ securityEnabledOnly: z.boolean() }).strict();

/** getMemberObjects response: a String collection. */
export const memberObjectsResponseSchema = z
  .object({ "@odata.context": z.string(), value: z.array(z.string()) })
  .strict();
