import express from "express";
import type { z } from "zod";
import type { EmulatorCore } from "../core.ts";
import { mergeAutomaticReplies, type AutomaticRepliesState } from "../outlook/automatic-replies.ts";
import { automaticRepliesResource, mailboxSettingsResource } from "../outlook/mailbox-settings-view.ts";
import { dateTimeTimeZoneToEpochMs, resolveTimeZone } from "../presence/date-time-time-zone.ts";
import {
  updateMailboxSettingsBodySchema,
  type automaticRepliesSettingInputSchema,
} from "../schemas/outlook-schemas.ts";
import { GraphError, sendGraphJson } from "./graph-errors.ts";
import { parseBody } from "./graph-route.ts";
import { outlookRoute, type OutlookCall } from "./outlook-route.ts";
import { requirePermission } from "./permissions.ts";

function instant(value: { dateTime: string; timeZone: string }, field: string): number {
  const ms = dateTimeTimeZoneToEpochMs(value);
  if (ms === undefined)
    throw new GraphError(
      400,
      "ErrorInvalidParameter",
      `${field} has an invalid dateTime or an unknown timeZone.`,
    );
  return ms;
}

/** The PATCHed automaticRepliesSetting merged onto the stored one (a scheduled window must end after it starts). */
function mergedReplies(
  current: AutomaticRepliesState,
  input: z.output<typeof automaticRepliesSettingInputSchema>,
): AutomaticRepliesState {
  const merged = mergeAutomaticReplies(current, {
    ...(input.status === undefined ? {} : { status: input.status }),
    ...(input.externalAudience === undefined ? {} : { externalAudience: input.externalAudience }),
    ...(input.internalReplyMessage === undefined ? {} : { internalReplyMessage: input.internalReplyMessage }),
    ...(input.externalReplyMessage === undefined ? {} : { externalReplyMessage: input.externalReplyMessage }),
    ...(input.scheduledStartDateTime === undefined
      ? {}
      : { scheduledStart: instant(input.scheduledStartDateTime, "scheduledStartDateTime") }),
    ...(input.scheduledEndDateTime === undefined
      ? {}
      : { scheduledEnd: instant(input.scheduledEndDateTime, "scheduledEndDateTime") }),
  });
  // Exchange's code for an end not after the start [EWS ErrorInvalidScheduledOofDuration].
  if (!merged.ok) throw new GraphError(400, "ErrorInvalidScheduledOofDuration", merged.reason);
  return merged.state;
}

const context = (call: OutlookCall, suffix: string): string =>
  `https://${call.req.header("host")}/v1.0/$metadata#users('${call.mailbox.id}')/mailboxSettings${suffix}`;

/**
 * `GET /users/{id}/mailboxSettings`, `GET …/mailboxSettings/automaticRepliesSetting` and `PATCH …/mailboxSettings`
 * (also under `/me`). The PATCH answer carries the properties that were updated, as in update-mailboxSettings.
 */
export function mailboxSettingsRoutes(core: EmulatorCore) {
  const router = express.Router();

  const getAll = (call: OutlookCall): void => {
    requirePermission(call.principal, "mailboxSettings.read", call.mailbox.id);
    sendGraphJson(call.res, 200, {
      "@odata.context": context(call, ""),
      ...mailboxSettingsResource(call.mailbox.id, core.calendars.mailbox(call.mailbox.id)),
    });
  };

  const getReplies = (call: OutlookCall): void => {
    requirePermission(call.principal, "mailboxSettings.read", call.mailbox.id);
    sendGraphJson(call.res, 200, {
      "@odata.context": context(call, "/automaticRepliesSetting"),
      ...automaticRepliesResource(core.calendars.mailbox(call.mailbox.id).automaticReplies),
    });
  };

  const patch = (call: OutlookCall): void => {
    requirePermission(call.principal, "mailboxSettings.write", call.mailbox.id);
    const body = parseBody(updateMailboxSettingsBodySchema, call.req.body);
    if (body.timeZone !== undefined && resolveTimeZone(body.timeZone) === undefined)
      throw new GraphError(400, "ErrorInvalidParameter", `The time zone '${body.timeZone}' is not valid.`);
    const current = core.calendars.mailbox(call.mailbox.id);
    const automaticReplies =
      body.automaticRepliesSetting === undefined
        ? undefined
        : mergedReplies(current.automaticReplies, body.automaticRepliesSetting);
    const updated = core.calendars.updateMailbox(call.mailbox.id, {
      ...(automaticReplies === undefined ? {} : { automaticReplies }),
      ...(body.timeZone === undefined ? {} : { timeZone: body.timeZone }),
      ...(body.dateFormat === undefined ? {} : { dateFormat: body.dateFormat }),
      ...(body.timeFormat === undefined ? {} : { timeFormat: body.timeFormat }),
    });
    const full = mailboxSettingsResource(call.mailbox.id, updated);
    const answer: Record<string, unknown> = { "@odata.context": context(call, "") };
    if (automaticReplies !== undefined) answer.automaticRepliesSetting = full.automaticRepliesSetting;
    for (const key of ["timeZone", "dateFormat", "timeFormat"] as const)
      if (body[key] !== undefined) answer[key] = full[key];
    sendGraphJson(call.res, 200, answer);
  };

  for (const [prefix, target] of [
    ["/me", "me"],
    ["/users/:id", "param"],
  ] as const) {
    router.get(`${prefix}/mailboxSettings`, outlookRoute(core, "mailbox-settings", target, getAll));
    router.get(
      `${prefix}/mailboxSettings/automaticRepliesSetting`,
      outlookRoute(core, "mailbox-settings", target, getReplies),
    );
    router.patch(`${prefix}/mailboxSettings`, outlookRoute(core, "mailbox-settings", target, patch));
  }
  return router;
}
