import type { SlackKind } from "../model/vocabulary.ts";
import type { LinkPolicy } from "./policy.ts";

/** The generic text that replaces a meeting status when titles must not cross. */
export const GENERIC_MEETING_TEXT = "In a meeting";

/**
 * The part of a person's own status text that may cross to the other side, or "" when none may.
 * Meeting statuses often carry titles ("1:1 with Sam about the reorg"): with `hideMeetingTitles`
 * only a generic text crosses.
 */
export function shareableStatusText(policy: LinkPolicy, kind: SlackKind, text: string): string {
  if (!policy.shareStatusText) return "";
  if (kind === "meeting" && policy.hideMeetingTitles) return GENERIC_MEETING_TEXT;
  return text.trim();
}
