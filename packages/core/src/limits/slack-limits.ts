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
