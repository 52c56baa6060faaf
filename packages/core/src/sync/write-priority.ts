import type { TeamsView } from "../model/facets.ts";
import type { SlackHold } from "../model/hold.ts";
import { knownStateEnd, nextBlockStart, type OutlookView } from "../model/schedule.ts";
import type { GraphActivity, GraphAvailability } from "../model/vocabulary.ts";

const MINUTE = 60_000;

/**
 * How long a Teams state typically lasts once it starts. When Slack's write budget is short (about 50
 * status writes a minute for a whole workspace), the write that shows the longest-lasting state buys the
 * most correct person-time, so waiting Slack writes are ordered by when their state is expected to end.
 * The bridge cannot see the future: these are priors, not measurements of a person. They come from how
 * calendars and clients behave: meetings are booked in 30-minute slots, a focus or DND block runs an hour
 * or more, a call is shorter than a meeting, Away and Be right back are mostly short breaks, and Offline,
 * off work and out of office last the night or longer. Where an end is known (the Outlook spoke's meeting
 * end or automatic replies' end, a fixed Slack status expiry) it is used instead.
 */
export const TYPICAL_STATE_MS = {
  outOfOffice: 12 * 60 * MINUTE,
  offline: 12 * 60 * MINUTE,
  focus: 60 * MINUTE,
  meeting: 30 * MINUTE,
  busy: 30 * MINUTE,
  available: 30 * MINUTE,
  call: 15 * MINUTE,
  away: 10 * MINUTE,
  beRightBack: 5 * MINUTE,
  unknown: 15 * MINUTE,
} as const;

type StateKind = keyof typeof TYPICAL_STATE_MS;

const BY_ACTIVITY: Partial<Record<GraphActivity, StateKind>> = {
  OutOfOffice: "outOfOffice",
  Offline: "offline",
  OffWork: "offline",
  DoNotDisturb: "focus",
  UrgentInterruptionsOnly: "focus",
  Presenting: "meeting",
  InAMeeting: "meeting",
  InAConferenceCall: "meeting",
  InACall: "call",
  BeRightBack: "beRightBack",
  Away: "away",
  Inactive: "away",
};

const BY_AVAILABILITY: Partial<Record<GraphAvailability, StateKind>> = {
  Offline: "offline",
  DoNotDisturb: "focus",
  Busy: "busy",
  BusyIdle: "busy",
  Available: "available",
  AvailableIdle: "available",
  BeRightBack: "beRightBack",
  Away: "away",
};

/** The kind of a Teams view, for its typical length: out of office first, then the activity, then availability. */
function stateKind(view: TeamsView): StateKind {
  if (view.outOfOffice?.isOutOfOffice) return "outOfOffice";
  const presence = view.presence;
  if (!presence) return "unknown";
  return BY_ACTIVITY[presence.activity] ?? BY_AVAILABILITY[presence.availability] ?? "unknown";
}

/** What a Slack status write is estimated from: the Teams state it mirrors, the Outlook view, the hold. */
export interface SlackWriteState {
  teams: TeamsView;
  /** The person's calendar and automatic replies, where the Outlook spoke reads them. */
  outlook?: OutlookView;
  hold: SlackHold;
}

/**
 * When the Slack status being written is expected to stop being right, best knowledge first:
 * 1. a fixed status expiry (the end is known, Slack clears it then);
 * 2. the calendar meeting's or out-of-office period's end (knownStateEnd);
 * 3. for no status (available, away, offline all clear it): the next busy block in the calendar, which
 *    brings the next status, or the end of the window read when nothing is booked;
 * 4. else `now` plus the typical length of the Teams state.
 */
export function expectedSlackStateEnd(state: SlackWriteState, now: number): number {
  const status = state.hold.status;
  if (status?.fixed && status.expiresAt !== null && status.expiresAt > now) return status.expiresAt;
  const outlook = state.outlook ?? {};
  const known = knownStateEnd(state.teams, outlook, now);
  if (known !== null && known > now) return known;
  if (!status) {
    const next = nextBlockStart(outlook.calendar, ["busy", "tentative", "oof"], now);
    if (next !== null && next >= now) return next;
  }
  return now + TYPICAL_STATE_MS[stateKind(state.teams)];
}

/** Ends further off than a day all rank as one. */
const MAX_RANKED_MINUTES = 24 * 60;

/**
 * A write job's queue priority (graphile-worker runs lower numbers first): the minutes its state falls
 * short of a day, so of the writes waiting for the same budget the one that stays right longest goes
 * first. No write ranks before the pipeline's other jobs (priority 0): under a backlog the observations
 * waiting are taken in first, so a write carries the newest state (five quick changes, one write). A
 * write without an expected end (a Teams write, a refresh) keeps priority 0.
 */
export function writePriority(expectedEnd: number | undefined, now: number): number {
  if (expectedEnd === undefined || !Number.isFinite(expectedEnd) || !Number.isFinite(now)) return 0;
  const minutesLeft = Math.round((expectedEnd - now) / MINUTE);
  return MAX_RANKED_MINUTES - Math.min(MAX_RANKED_MINUTES, Math.max(0, minutesLeft));
}
