import { hasSlackMarker } from "../limits/slack-limits.ts";
import type { SlackView } from "../model/facets.ts";
import type { SlackKind } from "../model/vocabulary.ts";
import type { SlackClassifierRule } from "./rule-set.ts";

export interface SlackClassification {
  /** The dominant meaning of the person's own Slack state. */
  kind: SlackKind;
  /** What the status alone means (`cleared` when there is none): privacy decisions use it. */
  statusKind: SlackKind;
  /** The person's own status text and emoji ("" when none, or when the status is the bridge's). */
  statusText: string;
  statusEmoji: string;
  expiresAt: number | null;
  /** True when the current Slack status is one the bridge wrote (it carries the marker). */
  statusIsBridges: boolean;
}

export interface ClassifySlackOptions {
  classifier: readonly SlackClassifierRule[];
  marker: string;
  now: number;
}

/** When several facets speak at once, the more restrictive meaning wins. */
const PRECEDENCE: readonly SlackKind[] = [
  "dnd",
  "focus",
  "huddle",
  "meeting",
  "sick",
  "vacation",
  "commuting",
  "lunch",
  "custom",
  "away",
];

/**
 * Classifies what the person's own Slack state means. A status carrying the bridge's marker is
 * the bridge's (it came from Teams) and counts as no status; an expired status counts as cleared.
 */
export function classifySlackView(view: SlackView, options: ClassifySlackOptions): SlackClassification {
  const status = view.status;
  const statusIsBridges = status !== undefined && hasSlackMarker(status.text, options.marker);
  const live =
    status !== undefined &&
    !statusIsBridges &&
    (status.text !== "" || status.emoji !== "") &&
    (status.expiresAt === null || status.expiresAt > options.now);

  const statusKind = live ? classifyStatus(status.text, status.emoji, options.classifier) : "cleared";
  const kinds = new Set<SlackKind>([statusKind]);
  if (view.dnd?.snoozed && (view.dnd.until === null || view.dnd.until > options.now)) kinds.add("dnd");
  if (view.huddle?.inHuddle) kinds.add("huddle");
  if (view.presence?.away) kinds.add("away");

  const kind = PRECEDENCE.find((candidate) => kinds.has(candidate)) ?? "cleared";
  return {
    kind,
    statusKind,
    statusText: live ? status.text : "",
    statusEmoji: live ? status.emoji : "",
    expiresAt: live ? status.expiresAt : null,
    statusIsBridges,
  };
}

/** The kind of one status: the first classifier rule whose emoji or text pattern matches, else `custom`. */
export function classifyStatus(
  text: string,
  emoji: string,
  classifier: readonly SlackClassifierRule[],
): SlackKind {
  for (const rule of classifier) {
    if (emoji !== "" && rule.emoji.includes(emoji)) return rule.kind;
    if (rule.textPattern !== undefined && text !== "" && new RegExp(rule.textPattern, "iu").test(text)) {
      return rule.kind;
    }
  }
  return "custom";
}
