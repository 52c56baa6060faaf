import {
  CALENDAR_BLOCKS_MAX,
  type AutomaticRepliesFacet,
  type CalendarBlock,
  type CalendarShowAs,
} from "@presence/core";
import { z } from "zod";

/*
 * What the Outlook spoke reads from Graph, and how it becomes the core's Outlook view. Only free/busy
 * is asked for ($select=showAs,start,end,isCancelled): titles, bodies, attendees and locations are
 * never requested, so they never reach the bridge (and Calendars.ReadBasic.All is enough).
 */

/** The calendarView properties the bridge asks for. */
export const CALENDAR_SELECT = "showAs,start,end,isAllDay,isCancelled";

/** Graph's dateTimeTimeZone; the bridge asks for UTC (Prefer: outlook.timezone="UTC"). */
const ZDateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().optional() });

const ZGraphEvent = z.object({
  showAs: z.string().optional(),
  start: ZDateTimeTimeZone,
  end: ZDateTimeTimeZone,
  isCancelled: z.boolean().optional(),
});

export const ZCalendarViewPage = z.object({
  value: z.array(ZGraphEvent),
  "@odata.nextLink": z.string().optional(),
});
export type CalendarViewPage = z.infer<typeof ZCalendarViewPage>;

export const ZAutomaticRepliesSetting = z.object({
  status: z.string(),
  scheduledStartDateTime: ZDateTimeTimeZone.nullish(),
  scheduledEndDateTime: ZDateTimeTimeZone.nullish(),
});
export type AutomaticRepliesSetting = z.infer<typeof ZAutomaticRepliesSetting>;

const SHOW_AS: Record<string, CalendarShowAs> = {
  busy: "busy",
  tentative: "tentative",
  oof: "oof",
  workingelsewhere: "workingElsewhere",
};

/**
 * Epoch ms of a dateTimeTimeZone read in UTC (Graph writes "2026-12-07T10:00:00.0000000" without an
 * offset); null when it is not a time or not in UTC (the bridge always asks for UTC).
 */
export function utcMillis(value: z.infer<typeof ZDateTimeTimeZone> | null | undefined): number | null {
  if (!value) return null;
  const zone = (value.timeZone ?? "UTC").toUpperCase();
  if (zone !== "UTC" && zone !== "ETC/UTC" && zone !== "COORDINATED UNIVERSAL TIME") return null;
  const iso = /[zZ]|[+-]\d\d:\d\d$/.test(value.dateTime) ? value.dateTime : `${value.dateTime}Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** The busy blocks among calendarView events (free and cancelled ones are not blocks), soonest first. */
export function calendarBlocks(events: readonly z.infer<typeof ZGraphEvent>[]): CalendarBlock[] {
  const blocks: CalendarBlock[] = [];
  for (const event of events) {
    const showAs = SHOW_AS[(event.showAs ?? "").toLowerCase()];
    const start = utcMillis(event.start);
    const end = utcMillis(event.end);
    if (!showAs || event.isCancelled === true || start === null || end === null || end <= start) continue;
    blocks.push({ showAs, start, end });
  }
  return blocks.sort((a, b) => a.start - b.start || a.end - b.end).slice(0, CALENDAR_BLOCKS_MAX);
}

/** Automatic replies as the core sees them: on or off, and the scheduled window when there is one. */
export function automaticReplies(setting: AutomaticRepliesSetting): AutomaticRepliesFacet {
  const status = setting.status.toLowerCase();
  if (status === "alwaysenabled") return { enabled: true, start: null, end: null };
  if (status === "scheduled") {
    return {
      enabled: true,
      start: utcMillis(setting.scheduledStartDateTime),
      end: utcMillis(setting.scheduledEndDateTime),
    };
  }
  return { enabled: false, start: null, end: null };
}
