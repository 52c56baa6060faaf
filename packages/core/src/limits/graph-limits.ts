import type { GraphActivity, GraphAvailability } from "../model/vocabulary.ts";

/** A Graph availability + activity pair. */
export interface GraphPair {
  availability: GraphAvailability;
  activity: GraphActivity;
}

/** The only pairs `setPresence` accepts (there is no Busy/Busy, InAMeeting or OutOfOffice pair). */
export const SET_PRESENCE_PAIRS: readonly GraphPair[] = [
  { availability: "Available", activity: "Available" },
  { availability: "Busy", activity: "InACall" },
  { availability: "Busy", activity: "InAConferenceCall" },
  { availability: "Away", activity: "Away" },
  { availability: "DoNotDisturb", activity: "Presenting" },
];

/** The only pairs `setUserPreferredPresence` accepts. */
export const PREFERRED_PRESENCE_PAIRS: readonly GraphPair[] = [
  { availability: "Available", activity: "Available" },
  { availability: "Busy", activity: "Busy" },
  { availability: "DoNotDisturb", activity: "DoNotDisturb" },
  { availability: "BeRightBack", activity: "BeRightBack" },
  { availability: "Away", activity: "Away" },
  { availability: "Offline", activity: "OffWork" },
];

export function isSetPresencePair(pair: GraphPair): boolean {
  return SET_PRESENCE_PAIRS.some((p) => p.availability === pair.availability && p.activity === pair.activity);
}

export function isPreferredPresencePair(pair: GraphPair): boolean {
  return PREFERRED_PRESENCE_PAIRS.some(
    (p) => p.availability === pair.availability && p.activity === pair.activity,
  );
}

/** setPresence `expirationDuration` bounds: PT5M to PT4H. */
export const SESSION_EXPIRY_MIN_MINUTES = 5;
export const SESSION_EXPIRY_MAX_MINUTES = 240;

/** An `Available` session fades after five minutes unless it is posted again. */
export const AVAILABLE_FADE_MINUTES = 5;

/** Clamps minutes into setPresence's accepted range. */
export function clampSessionMinutes(minutes: number): number {
  return Math.min(SESSION_EXPIRY_MAX_MINUTES, Math.max(SESSION_EXPIRY_MIN_MINUTES, Math.round(minutes)));
}

/** ISO 8601 duration in whole minutes, as Graph expects (`PT5M`, `PT1H30M`). */
export function toIsoDuration(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours === 0) return `PT${rest}M`;
  return rest === 0 ? `PT${hours}H` : `PT${hours}H${rest}M`;
}

/** Teams shows at most 280 characters of a status message. */
export const TEAMS_STATUS_MESSAGE_MAX = 280;

/** Fits a status message plus the bridge's marker into Teams' limit, shortening the text. */
export function fitTeamsStatusMessage(text: string, marker: string): string {
  const budget = TEAMS_STATUS_MESSAGE_MAX - [...marker].length;
  const chars = [...text];
  if (chars.length <= budget) return text + marker;
  return `${chars
    .slice(0, budget - 1)
    .join("")
    .trimEnd()}…${marker}`;
}
