import {
  automaticRepliesActive,
  automaticRepliesTransitions,
  type AutomaticRepliesState,
} from "../outlook/automatic-replies.ts";
import type { ShowAs } from "../outlook/calendar-event.ts";

/**
 * What the mailbox tells presence (reference §1.3 / outOfOfficeSettings): "In-a-meeting comes from the calendar"; "OOF
 * comes from an event with showAs: oof or mailboxSettings auto-reply" — isOutOfOffice is true "if the current time is
 * in the OOF window configured in Outlook or Teams, or if an event marked Show as Out of Office is on the calendar".
 */
export interface OutlookSignals {
  events: { start: number; end: number; showAs: ShowAs; isCancelled: boolean }[];
  automaticReplies: AutomaticRepliesState;
}

/** The calendar's own presence session id (never a client id). */
export const CALENDAR_SESSION_ID = "outlook-calendar";

const MEETING_SHOW_AS: ReadonlySet<ShowAs> = new Set(["busy", "tentative"]);

const running = (e: OutlookSignals["events"][number], now: number): boolean =>
  !e.isCancelled && e.start <= now && now < e.end;

/**
 * A busy or tentative event in progress acts as a Busy/InAMeeting session that started with the (latest) event
 * [emulator decision: the calendar counts as a session even with no Teams client open, as Teams shows people "In a
 * meeting" from their calendar; it ranks as Busy, so DoNotDisturb and a user-preferred state beat it].
 */
export function meetingStartedAt(signals: OutlookSignals, now: number): number | undefined {
  const starts = signals.events
    .filter((e) => MEETING_SHOW_AS.has(e.showAs) && running(e, now))
    .map((e) => e.start);
  return starts.length === 0 ? undefined : Math.max(...starts);
}

/** Out of office from the mailbox: active automatic replies (with their internal message) or a running oof event. */
export function outlookOutOfOffice(
  signals: OutlookSignals,
  now: number,
): { isOutOfOffice: boolean; message: string | null } | undefined {
  if (automaticRepliesActive(signals.automaticReplies, now)) {
    const message = signals.automaticReplies.internalReplyMessage;
    return { isOutOfOffice: true, message: message === "" ? null : message };
  }
  if (signals.events.some((e) => e.showAs === "oof" && running(e, now)))
    return { isOutOfOffice: true, message: null };
  return undefined;
}

/** Instants at which the mailbox's effect on presence may change by itself (event starts/ends, schedule edges). */
export function outlookTransitions(signals: OutlookSignals): number[] {
  const times = automaticRepliesTransitions(signals.automaticReplies);
  for (const e of signals.events) {
    if (!e.isCancelled && (MEETING_SHOW_AS.has(e.showAs) || e.showAs === "oof")) times.push(e.start, e.end);
  }
  return times;
}
