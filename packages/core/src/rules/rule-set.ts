import { z } from "zod";

import { isPreferredPresencePair, isSetPresencePair } from "../limits/graph-limits.ts";
import { SLACK_STATUS_TEXT_MAX } from "../limits/slack-limits.ts";
import { ZGraphActivity, ZGraphAvailability, ZSlackKind } from "../model/vocabulary.ts";

/*
 * Mapping rules are data: versioned in the store, edited by admins, validated here.
 * Each list is ordered and the first matching rule wins. "keep" leaves what the bridge holds on
 * that facet unchanged; "clear" releases it (the bridge then holds nothing there).
 */

const ZKeep = z.literal("keep");
const ZClear = z.literal("clear");

const ZSlackStatusTarget = z.union([
  ZKeep,
  ZClear,
  z.object({
    text: z.string().min(1).max(SLACK_STATUS_TEXT_MAX),
    emoji: z.string().regex(/^:[a-z0-9_+'-]+:$/, "a Slack emoji code such as :calendar:"),
    /** Safety expiry so a stopped bridge never leaves a stale status; refreshed while it holds. */
    expiresInMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .nullable(),
  }),
]);

const ZSlackDndTarget = z.union([
  ZKeep,
  z.literal("off"),
  z.object({ minutes: z.number().int().min(1).max(1440) }),
]);

export const ZTeamsToSlackRule = z.object({
  id: z.string().min(1),
  description: z.string().default(""),
  /** All given conditions must hold; within a list any value matches. An empty `when` matches anything. */
  when: z.object({
    availability: z.array(ZGraphAvailability).min(1).optional(),
    activity: z.array(ZGraphActivity).min(1).optional(),
    outOfOffice: z.boolean().optional(),
  }),
  slack: z.object({
    status: ZSlackStatusTarget,
    dnd: ZSlackDndTarget,
    presence: z.enum(["keep", "away", "auto"]),
  }),
});
export type TeamsToSlackRule = z.infer<typeof ZTeamsToSlackRule>;

const ZPair = z.object({ availability: ZGraphAvailability, activity: ZGraphActivity });

export const ZSlackToTeamsRule = z.object({
  id: z.string().min(1),
  description: z.string().default(""),
  when: z.object({ kind: z.array(ZSlackKind).min(1) }),
  teams: z.object({
    presence: z.union([
      ZKeep,
      ZClear,
      ZPair.extend({
        /**
         * Re-post an Available session before it fades (every < 5 min). Costs requests and hides the
         * person's own Away/Offline while it lives, so it is off unless a rule asks for it.
         */
        keepAlive: z.boolean().default(false),
      }).refine(isSetPresencePair, {
        message:
          "setPresence accepts only Available/Available, Busy/InACall, Busy/InAConferenceCall, Away/Away, DoNotDisturb/Presenting",
      }),
    ]),
    /** "statusText" carries the person's Slack status text (subject to privacy); "clear" releases it. */
    statusMessage: z.union([
      ZKeep,
      ZClear,
      z.literal("statusText"),
      z.object({ text: z.string().min(1).max(280) }),
    ]),
    /** Applied only where a policy allows user-preferred presence (it overrides the person's own choice). */
    preferred: z
      .union([
        ZKeep,
        ZClear,
        ZPair.refine(isPreferredPresencePair, {
          message:
            "setUserPreferredPresence accepts only Available, Busy, DoNotDisturb, BeRightBack, Away (each with the same activity) and Offline/OffWork",
        }),
      ])
      .default("clear"),
  }),
});
export type SlackToTeamsRule = z.infer<typeof ZSlackToTeamsRule>;

/** How a Slack status is recognised: by emoji, or by a case-insensitive pattern on its text. */
export const ZSlackClassifierRule = z.object({
  kind: ZSlackKind.exclude(["cleared", "huddle", "dnd", "away", "custom"]),
  emoji: z.array(z.string().regex(/^:[a-z0-9_+'-]+:$/)).default([]),
  textPattern: z.string().refine(isValidRegExp, { message: "not a valid regular expression" }).optional(),
});
export type SlackClassifierRule = z.infer<typeof ZSlackClassifierRule>;

export const ZRuleSet = z.object({
  teamsToSlack: z.array(ZTeamsToSlackRule).min(1),
  slackToTeams: z.array(ZSlackToTeamsRule).min(1),
  slackClassifier: z.array(ZSlackClassifierRule),
});
export type RuleSet = z.infer<typeof ZRuleSet>;
/** A rule set as written by people (defaults not yet applied). */
export type RuleSetInput = z.input<typeof ZRuleSet>;

function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source, "iu");
    return true;
  } catch {
    return false;
  }
}
