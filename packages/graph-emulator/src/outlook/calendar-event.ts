import { randomBytes } from "node:crypto";

/** event.showAs (Graph's freeBusyStatus): the values Outlook documents for the event resource. */
export const SHOW_AS = ["free", "tentative", "busy", "oof", "workingElsewhere", "unknown"] as const;
export type ShowAs = (typeof SHOW_AS)[number];

/** event.sensitivity. */
export const SENSITIVITIES = ["normal", "personal", "private", "confidential"] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/** One single-instance event in a user's default calendar (no recurrence, attendees or attachments are modelled). */
export interface CalendarEvent {
  id: string;
  /** Epoch ms, UTC. */
  start: number;
  end: number;
  showAs: ShowAs;
  isAllDay: boolean;
  isCancelled: boolean;
  subject: string;
  sensitivity: Sensitivity;
  /** Plain-text body; bodyPreview is derived from it. */
  body: string;
  location: string;
  /** Outlook's version stamp; `@odata.etag` is `W/"{changeKey}"` and changes on every update. */
  changeKey: string;
  iCalUId: string;
  createdAt: number;
  lastModifiedAt: number;
}

/** Outlook item ids are long, opaque, case-sensitive base64 strings ("AAMkAD…="); URL-safe here. */
export function newEventId(): string {
  return `AAMkAD${randomBytes(48).toString("base64url")}AAA=`;
}

export function newChangeKey(): string {
  return randomBytes(15).toString("base64");
}

export function newICalUId(): string {
  return `040000008200E00074C5B7101A82E008${randomBytes(40).toString("hex").toUpperCase()}`;
}

export function eventEtag(event: CalendarEvent): string {
  return `W/"${event.changeKey}"`;
}

/** Overlaps [from, to): starts before the window ends and ends after it starts (calendarView semantics). */
export function overlaps(event: CalendarEvent, from: number, to: number): boolean {
  return event.start < to && event.end > from;
}

export function inProgress(event: CalendarEvent, now: number): boolean {
  return event.start <= now && now < event.end;
}
