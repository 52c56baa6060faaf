import { z } from "zod";

/** user properties served by default on v1.0 (Graph's default set) plus accountEnabled on $select [knowledge]. */
export const USER_DEFAULT_PROPERTIES = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id",
] as const;

export const USER_SELECTABLE_PROPERTIES = [...USER_DEFAULT_PROPERTIES, "accountEnabled"] as const;

export const userResourceSchema = z
  .object({
    "@odata.context": z.string(),
    id: z.string(),
    displayName: z.string().nullable(),
    userPrincipalName: z.string(),
    mail: z.string().nullable(),
    givenName: z.string().nullable(),
    surname: z.string().nullable(),
    jobTitle: z.string().nullable(),
    mobilePhone: z.string().nullable(),
    officeLocation: z.string().nullable(),
    preferredLanguage: z.string().nullable(),
    businessPhones: z.array(z.string()),
    accountEnabled: z.boolean(),
  })
  .partial()
  .strict();

export const userCollectionSchema = z
  .object({
    "@odata.context": z.string(),
    "@odata.nextLink": z.string().url().optional(),
    value: z.array(userResourceSchema),
  })
  .strict();
