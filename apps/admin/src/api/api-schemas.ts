import {
  ZBridgeSettings,
  ZDirection,
  ZLinkPolicy,
  ZLinkPolicyOverrides,
  ZLinkStatus,
  ZSyncEventKind,
} from "@presence/core";
import { z } from "zod";

/** Request bodies and query strings of the admin API (also the source of its OpenAPI document). */

export const ZLinkByIds = z.object({
  slack: z.object({ teamId: z.string(), userId: z.string() }),
  entra: z.object({ tenantId: z.string(), userId: z.string() }),
  email: z.string().optional(),
  displayName: z.string().max(200).optional(),
  direction: ZDirection.optional(),
  policy: ZLinkPolicyOverrides.optional(),
});

export const ZLinkByEmail = z.object({
  email: z.string(),
  displayName: z.string().max(200).optional(),
  direction: ZDirection.optional(),
});

export const ZCreateLinkBody = z.union([ZLinkByIds, ZLinkByEmail]);

export const ZPauseBody = z
  .object({
    /** Resume after this many minutes. */
    forMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 90)
      .optional(),
    /** Resume at this time (ISO 8601). */
    until: z.iso.datetime({ offset: true }).optional(),
    reason: z.string().max(200).optional(),
  })
  .refine((body) => !(body.forMinutes && body.until), { message: "give forMinutes or until, not both" });

export const ZListLinksQuery = z.object({
  status: ZLinkStatus.optional(),
  search: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ZEventsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  /** Page backwards: only events older than this id. */
  beforeId: z.string().regex(/^\d+$/).optional(),
  kind: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(",") : undefined))
    .pipe(z.array(ZSyncEventKind).optional()),
});

export const ZRulesBody = z.object({
  rules: z.unknown(),
  comment: z.string().max(500).default(""),
});

/**
 * A change to the organisation settings: any subset, nothing filled in (zod 4's `.partial()` would keep
 * each field's default and so reset what the change does not name). `defaultPolicy` is merged field by field.
 */
export const ZSettingsPatch = z
  .object({
    ...Object.fromEntries(
      Object.entries(ZBridgeSettings.shape)
        .filter(([name]) => name !== "defaultPolicy")
        .map(([name, field]) => [name, (field instanceof z.ZodDefault ? field.unwrap() : field).optional()]),
    ),
    defaultPolicy: z
      .object(
        Object.fromEntries(
          Object.entries(ZLinkPolicy.shape).map(([name, field]) => [name, field.unwrap().optional()]),
        ),
      )
      .strict()
      .optional(),
  })
  .strict();
