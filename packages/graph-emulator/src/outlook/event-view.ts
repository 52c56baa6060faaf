import { epochMsToDateTimeTimeZone } from "../presence/date-time-time-zone.ts";
import { eventEtag, type CalendarEvent } from "./calendar-event.ts";

/** Properties of the event resource the emulator serves, in Graph's order (the rest are not modelled). */
export const EVENT_PROPERTIES = [
  "id",
  "createdDateTime",
  "lastModifiedDateTime",
  "changeKey",
  "categories",
  "transactionId",
  "originalStartTimeZone",
  "originalEndTimeZone",
  "iCalUId",
  "reminderMinutesBeforeStart",
  "isReminderOn",
  "hasAttachments",
  "subject",
  "bodyPreview",
  "importance",
  "sensitivity",
  "isAllDay",
  "isCancelled",
  "isOrganizer",
  "responseRequested",
  "seriesMasterId",
  "showAs",
  "type",
  "webLink",
  "onlineMeetingUrl",
  "isOnlineMeeting",
  "onlineMeetingProvider",
  "allowNewTimeProposals",
  "isDraft",
  "hideAttendees",
  "responseStatus",
  "body",
  "start",
  "end",
  "location",
  "locations",
  "recurrence",
  "attendees",
  "organizer",
  "onlineMeeting",
] as const;
export type EventProperty = (typeof EVENT_PROPERTIES)[number];

/**
 * Calendars.ReadBasic "allows the app to read events in user calendars, except for properties such as body,
 * attachments, and extensions" (Graph permissions reference). Attachments and extensions are not modelled; the body
 * and its preview (an excerpt of the body — our reading) are left out.
 */
export const READ_BASIC_HIDDEN: ReadonlySet<EventProperty> = new Set(["body", "bodyPreview"]);

export interface EventViewOptions {
  /** Properties asked for with `$select` (canonical names); undefined = all. `id` and `@odata.etag` always come. */
  select?: EventProperty[];
  /** Calendars.ReadBasic only: body and bodyPreview are withheld. */
  basic: boolean;
  /** Zone of start/end (`Prefer: outlook.timezone`); default UTC. Must be resolvable. */
  timeZone: string;
  organizer: { name: string; address: string };
}

const ZERO_TIME = "0001-01-01T00:00:00Z";
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");

function allProperties(event: CalendarEvent, options: EventViewOptions): Record<EventProperty, unknown> {
  const when = (ms: number) =>
    epochMsToDateTimeTimeZone(ms, options.timeZone) ?? epochMsToDateTimeTimeZone(ms, "UTC");
  return {
    id: event.id,
    createdDateTime: iso(event.createdAt),
    lastModifiedDateTime: iso(event.lastModifiedAt),
    changeKey: event.changeKey,
    categories: [],
    transactionId: null,
    originalStartTimeZone: "UTC",
    originalEndTimeZone: "UTC",
    iCalUId: event.iCalUId,
    reminderMinutesBeforeStart: 15,
    isReminderOn: !event.isAllDay,
    hasAttachments: false,
    subject: event.subject,
    bodyPreview: event.body.slice(0, 255),
    importance: "normal",
    sensitivity: event.sensitivity,
    isAllDay: event.isAllDay,
    isCancelled: event.isCancelled,
    isOrganizer: true,
    responseRequested: true,
    seriesMasterId: null,
    showAs: event.showAs,
    type: "singleInstance",
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(event.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: false,
    onlineMeetingProvider: "unknown",
    allowNewTimeProposals: true,
    isDraft: false,
    hideAttendees: false,
    responseStatus: { response: "organizer", time: ZERO_TIME },
    body: { contentType: "text", content: event.body },
    start: when(event.start),
    end: when(event.end),
    location: {
      displayName: event.location,
      locationType: "default",
      uniqueIdType: "unknown",
      address: {},
      coordinates: {},
    },
    locations: event.location === "" ? [] : [{ displayName: event.location, locationType: "default" }],
    recurrence: null,
    attendees: [],
    organizer: { emailAddress: options.organizer },
    onlineMeeting: null,
  };
}

/** The event as Graph serialises it: `@odata.etag` first, then the (selected) properties. */
export function eventResource(event: CalendarEvent, options: EventViewOptions): Record<string, unknown> {
  const all = allProperties(event, options);
  const wanted = options.select ? new Set<EventProperty>(["id", ...options.select]) : undefined;
  const body: Record<string, unknown> = { "@odata.etag": eventEtag(event) };
  for (const name of EVENT_PROPERTIES) {
    if (wanted && !wanted.has(name)) continue;
    if (options.basic && READ_BASIC_HIDDEN.has(name)) continue;
    body[name] = all[name];
  }
  return body;
}

/** `$select` → canonical property names; unknown names are returned in `unknown`. */
export function parseEventSelect(select: string): { properties: EventProperty[]; unknown?: string } {
  const properties: EventProperty[] = [];
  for (const raw of select.split(",")) {
    const name = raw.trim();
    if (name === "") continue;
    const property = EVENT_PROPERTIES.find((p) => p.toLowerCase() === name.toLowerCase());
    if (!property) return { properties, unknown: name };
    if (!properties.includes(property)) properties.push(property);
  }
  return { properties };
}
