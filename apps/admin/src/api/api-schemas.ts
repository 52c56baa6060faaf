import {
  ZBridgeSettings,
  ZDirection,
  ZLinkPolicy,
  ZLinkPolicyOverrides,
  ZLinkStatus,
  ZSlackView,
  ZSyncEventKind,
  ZTeamsView,
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

export const ZPeopleQuery = z.object({
  search: z.string().max(200).optional(),
  filter: z.enum(["linked", "unlinked", "needs_reauth", "paused", "deactivated"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** A person's sharing: direction and any policy overrides (null removes an override). */
export const ZPersonSettingsBody = z
  .object({
    direction: ZDirection.optional(),
    policy: ZLinkPolicyOverrides.optional(),
  })
  .strict();

/** What a person may change about their own sharing on the self-service page. */
export const ZMySettingsBody = z
  .object({
    direction: ZDirection.optional(),
    policy: z
      .object({
        shareStatusText: z.boolean().optional(),
        hideMeetingTitles: z.boolean().optional(),
        respectManualStatus: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const ZRulesOnlyBody = z.object({ rules: z.unknown() });

/** A state to put through a rule set: a Teams state (→ Slack) and/or a Slack state (→ Teams). */
export const ZRulePreviewBody = z.object({
  rules: z.unknown(),
  teams: ZTeamsView.optional(),
  slack: ZSlackView.optional(),
});

export const ZRollbackBody = z.object({ version: z.number().int().min(1) });

export const ZDryRunBody = z.object({
  rules: z.unknown(),
  /** How far back to replay recorded decisions. */
  hours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(24),
});

export const ZAuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  beforeId: z.string().regex(/^\d+$/).optional(),
  kind: ZEventsQuery.shape.kind,
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Who did it (part of an admin's name, a job or an event id). */
  actor: z.string().max(200).optional(),
  /** One person (any way of naming them). */
  person: z.string().max(200).optional(),
});

export const ZAuditExportQuery = ZAuditQuery.omit({ limit: true, beforeId: true }).extend({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  format: z.enum(["csv", "json"]).default("csv"),
});

export const ZAdminBody = z.object({
  kind: z.enum(["entra_user", "entra_group", "email", "slack_user"]),
  value: z.string().min(1).max(200),
  note: z.string().max(200).optional(),
});

/** A new webhook connection (docs/webhook-spoke.md); the same rules as the CLI's. */
export { ZNewWebhookConnection as ZWebhookConnectionBody } from "@presence/services";

export const ZWebhookDisableBody = z.object({ reason: z.string().max(200).optional() });

export const ZStreamQuery = z.object({ link: z.string().max(100).optional() });

/** The demo panel: change a demo person's state in the emulated Slack or Teams. */
export const ZDemoChangeBody = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("teams_presence"),
    email: z.string(),
    availability: z.enum(["Available", "Busy", "DoNotDisturb", "Away", "BeRightBack"]),
    activity: z.enum([
      "Available",
      "InAMeeting",
      "InACall",
      "InAConferenceCall",
      "Presenting",
      "DoNotDisturb",
      "Away",
      "BeRightBack",
    ]),
  }),
  z.object({ action: z.literal("teams_out_of_office"), email: z.string(), on: z.boolean() }),
  z.object({
    action: z.literal("slack_status"),
    email: z.string(),
    text: z.string().max(100),
    emoji: z.string().max(50),
  }),
  z.object({ action: z.literal("slack_huddle"), email: z.string(), on: z.boolean() }),
]);
