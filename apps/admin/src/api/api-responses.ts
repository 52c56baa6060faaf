import {
  ZBridgeSettings,
  ZDirection,
  ZLinkPolicy,
  ZLinkPolicyOverrides,
  ZLinkStatus,
  ZRuleSet,
  ZSide,
  ZSpoke,
  ZSlackHold,
  ZSlackView,
  ZSyncEventKind,
  ZTeamsHold,
  ZTeamsView,
} from "@presence/core";
import { z } from "zod";

/*
 * What the admin API answers, as zod schemas: the source of the OpenAPI document's response schemas,
 * from which the UI's typed client is generated (apps/admin/web/src/api/schema.d.ts). Times are ISO
 * 8601 strings; audit event ids are strings (they are 64-bit).
 */

const time = z.string().describe("ISO 8601 time");

export const ZLinkOut = z.object({
  id: z.string(),
  slackTeamId: z.string(),
  slackUserId: z.string(),
  tenantId: z.string(),
  entraUserId: z.string(),
  email: z.string().nullable(),
  displayName: z.string(),
  status: ZLinkStatus,
  statusReason: z.string(),
  pausedUntil: time.nullable(),
  direction: ZDirection,
  policy: ZLinkPolicyOverrides,
  bulkRunId: z.string().nullable(),
  createdAt: time,
  updatedAt: time,
});

export const ZSyncEventOut = z.object({
  id: z.string(),
  at: time,
  linkId: z.string().nullable(),
  kind: ZSyncEventKind,
  /** The spoke the event is about (Slack, Teams, Outlook, a connected system), or null. */
  side: ZSpoke.nullable(),
  message: z.string(),
  detail: z.record(z.string(), z.unknown()),
  correlationId: z.string().nullable(),
});

export const ZErrorOut = z.object({ error: z.string(), message: z.string() });

const ZPresenceStateOut = z.object({ side: ZSide }).catchall(z.unknown());

const sideState = <V extends z.ZodType, H extends z.ZodType>(view: V, hold: H) =>
  z.object({
    own: ZPresenceStateOut,
    view,
    hold,
    written: hold,
    attempted: hold,
    observedAt: time.nullable(),
    writtenAt: time.nullable(),
    heldUntil: time.nullable(),
  });

export const ZPersonStateOut = z.object({
  link: ZLinkOut,
  policy: ZLinkPolicy,
  slack: sideState(ZSlackView, ZSlackHold),
  teams: sideState(ZTeamsView, ZTeamsHold),
});

const ZDirectorySideOut = z.object({
  scopeId: z.string(),
  userId: z.string(),
  email: z.string().nullable(),
  displayName: z.string(),
  deactivated: z.boolean(),
});

export const ZPersonRowOut = z.object({
  linkId: z.string().nullable(),
  linkStatus: ZLinkStatus.nullable(),
  displayName: z.string(),
  email: z.string().nullable(),
  slack: ZDirectorySideOut.nullable(),
  teams: ZDirectorySideOut.nullable(),
});

const ZAccountOut = ZDirectorySideOut.extend({ side: ZSide });
const sample = <T extends z.ZodType>(item: T) => z.object({ count: z.number().int(), items: z.array(item) });

export const ZAutoLinkPreviewOut = z.object({
  matches: sample(
    z.object({ email: z.string(), displayName: z.string(), slack: ZAccountOut, teams: ZAccountOut }),
  ),
  alreadyLinked: z.number().int(),
  conflicts: sample(
    z.object({
      email: z.string(),
      reason: z.enum(["several_slack_accounts", "several_microsoft_accounts", "linked_to_someone_else"]),
      slack: z.array(ZAccountOut),
      teams: z.array(ZAccountOut),
    }),
  ),
  onlyOnSlack: sample(ZAccountOut),
  onlyOnTeams: sample(ZAccountOut),
  missingEmail: z.object({ slack: sample(ZAccountOut), teams: sample(ZAccountOut) }),
  deactivated: z.object({ slack: z.number().int(), teams: z.number().int() }),
  suggestions: sample(z.object({ reason: z.literal("same_name"), slack: ZAccountOut, teams: ZAccountOut })),
});

export const ZBulkRunOut = z.object({
  id: z.string(),
  status: z.enum(["queued", "running", "done", "failed", "undoing", "undone"]),
  requestedBy: z.string(),
  total: z.number().int(),
  processed: z.number().int(),
  linked: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  undone: z.number().int(),
  error: z.string(),
  createdAt: time,
  startedAt: time.nullable(),
  finishedAt: time.nullable(),
});

export const ZRuleVersionOut = z.object({
  version: z.number().int(),
  rules: ZRuleSet,
  comment: z.string(),
  createdBy: z.string(),
  createdAt: time,
});

export const ZRuleIssueOut = z.object({ path: z.string(), message: z.string() });

export const ZRulePreviewOut = z.object({
  slack: z
    .object({ ruleId: z.string().nullable(), hold: ZSlackHold, manualKept: z.array(z.string()) })
    .nullable(),
  teams: z
    .object({
      ruleId: z.string().nullable(),
      hold: ZTeamsHold,
      manualKept: z.array(z.string()),
      kind: z.string(),
    })
    .nullable(),
});

export const ZDryRunOut = z.object({
  id: z.string(),
  status: z.enum(["queued", "running", "done", "failed"]),
  requestedBy: z.string(),
  fromTime: time,
  toTime: time,
  decisions: z.number().int(),
  differing: z.number().int(),
  activeWrites: z.number().int(),
  draftWrites: z.number().int(),
  people: z.number().int(),
  error: z.string(),
  createdAt: time,
  finishedAt: time.nullable(),
});

export const ZDryRunDetailOut = ZDryRunOut.extend({
  rules: ZRuleSet,
  results: z.array(
    z.object({
      linkId: z.string(),
      at: z.number(),
      to: ZSide,
      activeRule: z.string().nullable(),
      draftRule: z.string().nullable(),
      active: z.record(z.string(), z.unknown()),
      draft: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const ZSettingsOut = z.object({ settings: ZBridgeSettings });

export const ZAdminOut = z.object({
  id: z.string(),
  kind: z.enum(["entra_user", "entra_group", "email", "slack_user"]),
  value: z.string(),
  note: z.string(),
  addedBy: z.string(),
  createdAt: time,
});

/** A webhook connection (its secret is never part of it). */
export const ZWebhookConnectionOut = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string().nullable(),
  direction: z.enum(["in", "out", "both"]),
  status: z.enum(["active", "disabled"]),
  statusReason: z.string(),
  lastDeliveryAt: time.nullable(),
  lastDeliveryStatus: z.string(),
  createdBy: z.string(),
  createdAt: time,
  updatedAt: time,
});

/** A webhook connection with its new secret: shown this once. */
export const ZWebhookSecretOut = z.object({
  connection: ZWebhookConnectionOut,
  secret: z.string().describe("The HMAC key, shown only in this answer: store it in the system now"),
});

export const ZSessionOut = z.object({
  user: z
    .object({
      name: z.string(),
      email: z.string().nullable(),
      provider: z.enum(["microsoft", "slack"]),
      admin: z.boolean(),
    })
    .nullable(),
  csrfToken: z.string().nullable(),
  signIn: z.object({ microsoft: z.boolean(), slack: z.boolean() }),
  /** In the zero-config demo: who to sign in as to see the admin UI. */
  demo: z.object({ adminLoginHint: z.string() }).nullable(),
});

export const ZMeOut = z.object({
  person: z.object({
    name: z.string(),
    email: z.string().nullable(),
    provider: z.enum(["microsoft", "slack"]),
  }),
  link: ZLinkOut.nullable(),
  state: ZPersonStateOut.nullable(),
  /** Links that connect the person's other account (or reconnect one), on the bridges. */
  connect: z.object({ slack: z.string().nullable(), microsoft: z.string().nullable() }),
});

export const ZHealthOut = z.object({
  links: z.record(ZLinkStatus, z.number().int()),
  apps: z.array(
    z.object({
      id: z.string(),
      service: z.string(),
      apps: z.array(z.string()),
      hostname: z.string(),
      pid: z.number().int(),
      startedAt: time,
      lastSeenAt: time,
      up: z.boolean(),
      checks: z.record(z.string(), z.string()),
    }),
  ),
  queue: z.object({
    waiting: z.number().int(),
    due: z.number().int(),
    failedForGood: z.number().int(),
    oldestDueAt: time.nullable(),
    lagSeconds: z.number(),
  }),
  sides: z.object({
    slack: z.object({
      lastObservedAt: time.nullable(),
      lastWrittenAt: time.nullable(),
      lastHour: z.record(z.string(), z.number().int()),
    }),
    teams: z.object({
      lastObservedAt: time.nullable(),
      lastWrittenAt: time.nullable(),
      lastHour: z.record(z.string(), z.number().int()),
    }),
  }),
  last24h: z.record(z.string(), z.number().int()),
  graphSubscriptions: z.array(
    z.object({ id: z.string(), tenantId: z.string(), people: z.number().int(), expiresAt: time }),
  ),
  serviceAccounts: z.array(
    z.object({
      userPrincipalName: z.string(),
      status: z.string(),
      statusReason: z.string(),
      people: z.number().int(),
    }),
  ),
  /** Slack Web API budgets per method and workspace: calls in the last minute against Slack's allowance. */
  slackBudgets: z.array(
    z.object({
      teamId: z.string(),
      method: z.string(),
      usedLastMinute: z.number().int(),
      perMinute: z.number().int(),
      blockedUntil: time.nullable(),
    }),
  ),
});

/** A demo person as both emulators show them (the zero-config demo's panel). */
export const ZDemoPersonOut = z.object({
  email: z.string(),
  name: z.string(),
  slack: z
    .object({ userId: z.string(), statusText: z.string(), statusEmoji: z.string(), inHuddle: z.boolean() })
    .nullable(),
  teams: z
    .object({
      userId: z.string(),
      availability: z.string(),
      activity: z.string(),
      outOfOffice: z.boolean(),
      statusMessage: z.string(),
    })
    .nullable(),
});
