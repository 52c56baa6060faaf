import { z } from "zod";

/** Who wins when both sides show a state of the person's own at the same time. */
export const CONFLICT_POLICIES = ["lastChangeWins", "mostRestrictiveWins", "slackWins", "teamsWins"] as const;
export const ZConflictPolicy = z.enum(CONFLICT_POLICIES);
export type ConflictPolicy = z.infer<typeof ZConflictPolicy>;

export const DIRECTIONS = ["both", "slackToTeams", "teamsToSlack"] as const;
export const ZDirection = z.enum(DIRECTIONS);
export type Direction = z.infer<typeof ZDirection>;

/** What a person (or an admin for them) decides about their own sharing. Every field has a default. */
export const ZLinkPolicy = z.object({
  conflictPolicy: ZConflictPolicy.default("lastChangeWins"),
  /** Never overwrite a Slack status or Teams status message that the person set themselves. */
  respectManualStatus: z.boolean().default(true),
  /** Carry the person's own status text to the other side (Slack status → Teams status message). */
  shareStatusText: z.boolean().default(true),
  /** Replace the text of meeting statuses by a generic "In a meeting", so titles never cross. */
  hideMeetingTitles: z.boolean().default(true),
  /** Allow setUserPreferredPresence, which overrides the person's own Teams choice (opt-in). */
  allowPreferredPresence: z.boolean().default(false),
});
export type LinkPolicy = z.infer<typeof ZLinkPolicy>;

/**
 * Per-link overrides: any subset of the policy, and nothing else — no defaults filled in (zod 4's
 * `.partial()` keeps each field's default, which would turn every link's overrides into a full policy
 * and hide later changes of the organisation's default policy).
 */
export const ZLinkPolicyOverrides = z.object({
  conflictPolicy: ZConflictPolicy.optional(),
  respectManualStatus: z.boolean().optional(),
  shareStatusText: z.boolean().optional(),
  hideMeetingTitles: z.boolean().optional(),
  allowPreferredPresence: z.boolean().optional(),
});
export type LinkPolicyOverrides = z.infer<typeof ZLinkPolicyOverrides>;

/** Organisation-wide settings (admin-controlled). */
export const ZBridgeSettings = z.object({
  /** Appended to every Slack status the bridge writes; how it recognises its own status. */
  slackStatusMarker: z.string().max(30).default(" (via Teams)"),
  /** Appended to every Teams status message the bridge writes. */
  teamsStatusMarker: z.string().max(30).default(" (via Slack)"),
  /** How long a write's expectation absorbs matching observations (echoes), per side. */
  slackEchoTtlSeconds: z.number().int().min(5).max(3600).default(120),
  teamsEchoTtlSeconds: z.number().int().min(5).max(3600).default(600),
  /** Flap breaker: more than `flapMaxWrites` writes for one link within the window pauses the link. */
  flapMaxWrites: z.number().int().min(2).max(1000).default(20),
  flapWindowSeconds: z.number().int().min(10).max(86_400).default(600),
  /** Sync events older than this are deleted. */
  auditRetentionDays: z.number().int().min(1).max(3650).default(30),
  /** Policy for links without overrides. */
  defaultPolicy: ZLinkPolicy.default(ZLinkPolicy.parse({})),
});
export type BridgeSettings = z.infer<typeof ZBridgeSettings>;

/** Settings with every default applied. */
export function defaultSettings(): BridgeSettings {
  return ZBridgeSettings.parse({});
}

/** The policy that applies to one link: organisation defaults, then the link's overrides. */
export function effectivePolicy(settings: BridgeSettings, overrides: LinkPolicyOverrides): LinkPolicy {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return ZLinkPolicy.parse({ ...settings.defaultPolicy, ...defined });
}

/** Whether changes may flow from `from` to the other side under `direction`. */
export function allowsFlow(direction: Direction, from: "slack" | "teams"): boolean {
  if (direction === "both") return true;
  return direction === (from === "slack" ? "slackToTeams" : "teamsToSlack");
}
