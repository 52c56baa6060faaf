import express, { type Request, type Response } from "express";
import type { EmulatorCore } from "../core.ts";
import { overlaps } from "../outlook/calendar-event.ts";
import { eventResource, parseEventSelect, type EventProperty } from "../outlook/event-view.ts";
import { resolveTimeZone } from "../presence/date-time-time-zone.ts";
import { GraphError, sendGraphJson } from "./graph-errors.ts";
import { outlookRoute, type OutlookCall } from "./outlook-route.ts";
import { calendarReadIsBasic, requirePermission } from "./permissions.ts";

/** Largest `$top` accepted on calendarView [emulator decision; Outlook pages are at most 1000]. */
export const MAX_EVENTS_PAGE = 1000;

const SUPPORTED_QUERY = new Set(["$select", "$top", "$skip"]);

function query(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

function rejectUnsupported(req: Request): void {
  for (const key of Object.keys(req.query)) {
    if (key.startsWith("$") && !SUPPORTED_QUERY.has(key))
      throw new GraphError(
        400,
        "BadRequest",
        `The query option '${key}' is not supported by the graph-emulator.`,
      );
  }
}

/**
 * calendarView window bounds: ISO 8601; "interpreted using the timezone offset specified in the value and are not
 * impacted by the value of the Prefer: outlook.timezone header if present. If no timezone offset is included in the
 * value, it is interpreted as UTC" (user-list-calendarview). A `+` sent unencoded arrives as a space.
 */
function windowBound(value: string, name: string): number {
  const text = value.trim().replace(/ (\d{2}:?\d{2})$/, "+$1");
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`;
  const ms = /^\d{4}-\d{2}-\d{2}(T|$)/.test(text) ? Date.parse(zoned) : Number.NaN;
  if (Number.isNaN(ms))
    throw new GraphError(
      400,
      "ErrorInvalidParameter",
      `The value '${value}' of parameter '${name}' is invalid.`,
    );
  return ms;
}

/** `Prefer: outlook.timezone="…"` (UTC default); an unknown zone falls back to UTC [emulator decision]. */
function preferredTimeZone(req: Request, res: Response): string {
  const match = /outlook\.timezone\s*=\s*"([^"]+)"/i.exec(req.header("prefer") ?? "");
  const zone = match?.[1];
  if (zone === undefined || resolveTimeZone(zone) === undefined) return "UTC";
  res.setHeader("Preference-Applied", `outlook.timezone="${zone}"`);
  return zone;
}

function selection(req: Request): EventProperty[] | undefined {
  const select = query(req, "$select");
  if (select === undefined) return undefined;
  const parsed = parseEventSelect(select);
  if (parsed.unknown !== undefined)
    throw new GraphError(
      400,
      "RequestBroker--ParseUri",
      `Could not find a property named '${parsed.unknown}' on type 'Microsoft.OutlookServices.Event'.`,
    );
  return parsed.properties;
}

function pageNumber(text: string | undefined, fallback: number, name: string, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < (name === "$skip" ? 0 : 1) || value > max)
    throw new GraphError(
      400,
      "ErrorInvalidParameter",
      `The value '${text}' of parameter '${name}' is invalid.`,
    );
  return value;
}

function viewOptions(call: OutlookCall, select: EventProperty[] | undefined) {
  const { mailbox, principal, req, res } = call;
  return {
    ...(select === undefined ? {} : { select }),
    basic: calendarReadIsBasic(principal),
    timeZone: preferredTimeZone(req, res),
    organizer: { name: mailbox.displayName, address: mailbox.mail ?? mailbox.userPrincipalName },
  };
}

function calendarView(core: EmulatorCore) {
  return (call: OutlookCall): void => {
    const { req, res, principal, mailbox } = call;
    requirePermission(principal, "calendar.read", mailbox.id);
    rejectUnsupported(req);
    const startText = query(req, "startDateTime") ?? query(req, "StartDateTime");
    const endText = query(req, "endDateTime") ?? query(req, "EndDateTime");
    if (startText === undefined || endText === undefined)
      // Outlook's answer without the window [field-observed].
      throw new GraphError(
        400,
        "ErrorInvalidParameter",
        "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.",
      );
    const from = windowBound(startText, "StartDateTime");
    const to = windowBound(endText, "EndDateTime");
    const select = selection(req);
    const top = pageNumber(query(req, "$top"), core.config.eventsPageSize, "$top", MAX_EVENTS_PAGE);
    const skip = pageNumber(query(req, "$skip"), 0, "$skip", Number.MAX_SAFE_INTEGER);
    const options = viewOptions(call, select);
    const all = core.calendars.events(mailbox.id).filter((e) => overlaps(e, from, to));
    const origin = `https://${req.header("host")}`;
    const path = req.originalUrl.split("?")[0] ?? "";
    const body: Record<string, unknown> = {
      "@odata.context": `${origin}/v1.0/$metadata#users('${mailbox.id}')/calendarView${select ? `(${select.join(",")})` : ""}`,
      value: all.slice(skip, skip + top).map((e) => eventResource(e, options)),
    };
    if (skip + top < all.length) {
      const next = new URLSearchParams({ startDateTime: startText, endDateTime: endText });
      if (select) next.set("$select", select.join(","));
      next.set("$top", String(top));
      next.set("$skip", String(skip + top));
      body["@odata.nextLink"] = `${origin}${path}?${next.toString()}`;
    }
    sendGraphJson(res, 200, body);
  };
}

function getEvent(core: EmulatorCore) {
  return (call: OutlookCall): void => {
    const { req, res, principal, mailbox } = call;
    requirePermission(principal, "calendar.read", mailbox.id);
    rejectUnsupported(req);
    const select = selection(req);
    const event = core.calendars.find(mailbox.id, String(req.params.eventId));
    if (!event)
      throw new GraphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");
    const origin = `https://${req.header("host")}`;
    sendGraphJson(res, 200, {
      "@odata.context": `${origin}/v1.0/$metadata#users('${mailbox.id}')/events${select ? `(${select.join(",")})` : ""}/$entity`,
      ...eventResource(event, viewOptions(call, select)),
    });
  };
}

/**
 * `GET /users/{id | userPrincipalName}/calendarView` and `/me/calendarView` (also under `/calendar/`), with
 * startDateTime/endDateTime, `$select`, `$top`/`$skip` + `@odata.nextLink`, `Prefer: outlook.timezone`;
 * `GET /users/{id}/events/{eventId}`, `/me/events/{eventId}`.
 */
export function calendarRoutes(core: EmulatorCore) {
  const router = express.Router();
  for (const suffix of ["calendarView", "calendar/calendarView"]) {
    router.get(`/me/${suffix}`, outlookRoute(core, "calendar", "me", calendarView(core)));
    router.get(`/users/:id/${suffix}`, outlookRoute(core, "calendar", "param", calendarView(core)));
  }
  router.get("/me/events/:eventId", outlookRoute(core, "calendar", "me", getEvent(core)));
  router.get("/users/:id/events/:eventId", outlookRoute(core, "calendar", "param", getEvent(core)));
  return router;
}
