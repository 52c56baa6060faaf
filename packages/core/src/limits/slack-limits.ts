/** `users.profile.set` rejects a status_text longer than 100 characters (`too_long`). */
export const SLACK_STATUS_TEXT_MAX = 100;

/**
 * Fits `text` plus the provenance `marker` into Slack's 100-character limit, shortening the text
 * (never the marker, which is how the bridge recognises its own status) with an ellipsis.
 * Characters are counted as Unicode code points, as Slack does.
 */
export function fitSlackStatusText(text: string, marker: string): string {
  const markerChars = [...marker];
  const budget = SLACK_STATUS_TEXT_MAX - markerChars.length;
  if (budget <= 0)
    throw new RangeError(`Slack status marker is longer than ${SLACK_STATUS_TEXT_MAX - 1} characters`);
  const chars = [...text];
  if (chars.length <= budget) return text + marker;
  const cut = chars
    .slice(0, budget - 1)
    .join("")
    .trimEnd();
  return `${cut}…${marker}`;
}

/** True when a Slack status text carries the bridge's provenance marker. */
export function hasSlackMarker(text: string, marker: string): boolean {
  return marker.length > 0 && text.endsWith(marker);
}

/** The status text without the bridge's marker. */
export function stripSlackMarker(text: string, marker: string): string {
  return hasSlackMarker(text, marker) ? text.slice(0, text.length - marker.length) : text;
}

/**
 * Slack's per-method tiers for the methods the bridge calls (per method, per workspace, per app, shared
 * by every token of the app): Tier 2 ≈ 20/min, Tier 3 ≈ 50/min, Tier 4 ≈ 100/min. Sources: Slack's
 * rate-limit docs and the Java SDK's MethodsRateLimits table.
 */
export const SLACK_METHOD_CALLS_PER_MINUTE: Readonly<Record<string, number>> = {
  "users.profile.set": 50,
  "users.profile.get": 100,
  "users.info": 100,
  "users.list": 20,
  "users.setPresence": 20,
  "users.getPresence": 50,
  "dnd.setSnooze": 20,
  "dnd.endSnooze": 20,
  "dnd.info": 50,
  "views.publish": 100,
  "auth.revoke": 50,
};

/** `users.profile.set`: "A token may update a single user's profile no more than 10 times per minute." */
export const SLACK_PROFILE_UPDATES_PER_PERSON_PER_MINUTE = 10;
/** "… and a single token may only set 30 user profiles per minute." */
export const SLACK_PROFILES_PER_TOKEN_PER_MINUTE = 30;
