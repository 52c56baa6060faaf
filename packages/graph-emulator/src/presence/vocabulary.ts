/**
 * Presence vocabulary, PascalCase as on the wire. Source: graph-presence reference §1.1 (the long-standing lists
 * from microsoft-graph-docs-contrib `resources/presence.md`; the current page's camelCase lists are a docs error).
 */
export const AVAILABILITIES = [
  "Available",
  "AvailableIdle",
  "Away",
  "BeRightBack",
  "Busy",
  "BusyIdle",
  "DoNotDisturb",
  "Offline",
  "PresenceUnknown",
] as const;

export const ACTIVITIES = [
  "Available",
  "Away",
  "BeRightBack",
  "Busy",
  "DoNotDisturb",
  "InACall",
  "InAConferenceCall",
  "Inactive",
  "InAMeeting",
  "Offline",
  "OffWork",
  "OutOfOffice",
  "PresenceUnknown",
  "Presenting",
  "UrgentInterruptionsOnly",
] as const;

export type Availability = (typeof AVAILABILITIES)[number];
export type Activity = (typeof ACTIVITIES)[number];

export interface PresencePair {
  availability: Availability;
  activity: Activity;
}

/** setPresence: the only supported combinations (reference §3.1, verbatim table). */
export const SET_PRESENCE_PAIRS: readonly PresencePair[] = [
  { availability: "Available", activity: "Available" },
  { availability: "Busy", activity: "InACall" },
  { availability: "Busy", activity: "InAConferenceCall" },
  { availability: "Away", activity: "Away" },
  { availability: "DoNotDisturb", activity: "Presenting" },
];

/** setUserPreferredPresence: the only supported combinations (reference §3.3, verbatim table). */
export const PREFERRED_PRESENCE_PAIRS: readonly PresencePair[] = [
  { availability: "Available", activity: "Available" },
  { availability: "Busy", activity: "Busy" },
  { availability: "DoNotDisturb", activity: "DoNotDisturb" },
  { availability: "BeRightBack", activity: "BeRightBack" },
  { availability: "Away", activity: "Away" },
  { availability: "Offline", activity: "OffWork" },
];

export function isPairIn(pairs: readonly PresencePair[], pair: PresencePair): boolean {
  return pairs.some((p) => p.availability === pair.availability && p.activity === pair.activity);
}

/** Case-insensitive lookup: the emulator emits PascalCase and accepts any case (reference §1.1). */
export function canonicalAvailability(value: string): Availability | undefined {
  return AVAILABILITIES.find((v) => v.toLowerCase() === value.toLowerCase());
}

export function canonicalActivity(value: string): Activity | undefined {
  return ACTIVITIES.find((v) => v.toLowerCase() === value.toLowerCase());
}
