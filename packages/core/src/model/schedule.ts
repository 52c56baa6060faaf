import { z } from "zod";

import type { TeamsView } from "./facets.ts";

/*
 * The Outlook spoke's view of a person: their calendar's busy blocks around now and their automatic
 * replies, read through Graph (calendarView, mailboxSettings). Free/busy only: no titles, bodies,
 * attendees or locations ever reach the bridge. The bridge never writes Outlook; what it reads tells
 * it when a meeting or an out-of-office period ends, so a mirrored Slack status can expire by itself
 * exactly then (one write instead of two) and out of office carries its end date.
 * Times are epoch milliseconds.
 */

/** How a calendar block shows the person (Outlook `showAs`; free time is not a block). */
export const CALENDAR_SHOW_AS = ["busy", "tentative", "oof", "workingElsewhere"] as const;
export const ZCalendarShowAs = z.enum(CALENDAR_SHOW_AS);
export type CalendarShowAs = z.infer<typeof ZCalendarShowAs>;

export const ZCalendarBlock = z.object({
  showAs: ZCalendarShowAs,
  start: z.number(),
  end: z.number(),
});
export type CalendarBlock = z.infer<typeof ZCalendarBlock>;

/** At most this many blocks are kept per person (the read window is a day or two). */
export const CALENDAR_BLOCKS_MAX = 100;

export const ZCalendarFacet = z.object({
  /** The window the calendar was read for: blocks outside it are unknown, not absent. */
  from: z.number(),
  until: z.number(),
  blocks: z.array(ZCalendarBlock).max(CALENDAR_BLOCKS_MAX),
});
export type CalendarFacet = z.infer<typeof ZCalendarFacet>;

/** Outlook automatic replies: on, with the scheduled window when it has one (null = open-ended). */
export const ZAutomaticRepliesFacet = z.object({
  enabled: z.boolean(),
  start: z.number().nullable(),
  end: z.number().nullable(),
});
export type AutomaticRepliesFacet = z.infer<typeof ZAutomaticRepliesFacet>;

export const ZOutlookView = z.object({
  calendar: ZCalendarFacet.optional(),
  automaticReplies: ZAutomaticRepliesFacet.optional(),
});
export type OutlookView = z.infer<typeof ZOutlookView>;

export const OUTLOOK_FACETS = ["calendar", "automaticReplies"] as const;
export type OutlookFacet = (typeof OUTLOOK_FACETS)[number];

/** Teams activities that come from a calendar meeting (so the meeting's end is theirs too). */
const MEETING_ACTIVITIES: ReadonlySet<string> = new Set(["InAMeeting", "InAConferenceCall", "Presenting"]);
/** Back-to-back blocks closer than this count as one run (Outlook's "end meetings early" gaps). */
const CONTIGUOUS_MS = 5 * 60_000;
/** People join a little early: a block starting within this counts as the one they are in. */
const EARLY_JOIN_MS = 10 * 60_000;

/**
 * When the block run covering `now` with one of `showAs` ends: back-to-back blocks are one run, and a
 * block about to start (people join early) counts.
 * null when no such block covers now, or when the run reaches past the window read (end unknown).
 */
export function blockRunEnd(
  calendar: CalendarFacet | undefined,
  showAs: readonly CalendarShowAs[],
  now: number,
): number | null {
  if (!calendar || now < calendar.from || now >= calendar.until) return null;
  const blocks = calendar.blocks
    .filter((block) => showAs.includes(block.showAs) && block.end > block.start)
    .sort((a, b) => a.start - b.start);
  let end: number | null = null;
  for (const block of blocks) {
    if (end === null) {
      if (block.start - EARLY_JOIN_MS <= now && now < block.end) end = block.end;
    } else if (block.start <= end + CONTIGUOUS_MS) end = Math.max(end, block.end);
    else break;
  }
  if (end === null || end >= calendar.until) return null;
  return end;
}

/**
 * When the person's calendar next shows them busy (a block with one of `showAs` starting at or after `now`):
 * the block's start, or the end of the window read when nothing is booked before it. null when the
 * calendar was not read for `now`.
 */
export function nextBlockStart(
  calendar: CalendarFacet | undefined,
  showAs: readonly CalendarShowAs[],
  now: number,
): number | null {
  if (!calendar || now < calendar.from || now >= calendar.until) return null;
  let next = calendar.until;
  for (const block of calendar.blocks)
    if (showAs.includes(block.showAs) && block.end > block.start && block.start >= now)
      next = Math.min(next, block.start);
  return next;
}

/** Whether automatic replies are on at `now` (enabled, and inside the scheduled window if any). */
export function automaticRepliesActive(replies: AutomaticRepliesFacet | undefined, now: number): boolean {
  if (!replies?.enabled) return false;
  return (replies.start === null || replies.start <= now) && (replies.end === null || now < replies.end);
}

/**
 * When the person's current Teams state is known to end, from their Outlook view: a meeting's (or
 * presentation's) end for a calendar meeting, the automatic replies' scheduled end (or an
 * out-of-office block's) for out of office. null when not known: then a rule's safety expiry applies.
 */
export function knownStateEnd(teamsOwn: TeamsView, outlook: OutlookView, now: number): number | null {
  const activity = teamsOwn.presence?.activity;
  const outOfOffice = (teamsOwn.outOfOffice?.isOutOfOffice ?? false) || activity === "OutOfOffice";
  if (outOfOffice) {
    if (automaticRepliesActive(outlook.automaticReplies, now)) return outlook.automaticReplies?.end ?? null;
    return blockRunEnd(outlook.calendar, ["oof"], now);
  }
  if (activity !== undefined && MEETING_ACTIVITIES.has(activity)) {
    return blockRunEnd(outlook.calendar, ["busy", "tentative"], now);
  }
  return null;
}
