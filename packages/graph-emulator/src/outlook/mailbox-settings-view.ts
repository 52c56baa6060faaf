import { epochMsToDateTimeTimeZone } from "../presence/date-time-time-zone.ts";
import type { AutomaticRepliesState } from "./automatic-replies.ts";
import type { MailboxState } from "./calendar-store.ts";

/**
 * automaticRepliesSetting as Graph returns it: the scheduled times as dateTimeTimeZone in UTC with seven fractional
 * digits (the get-mailboxSettings examples), both always present.
 */
export function automaticRepliesResource(state: AutomaticRepliesState) {
  return {
    status: state.status,
    externalAudience: state.externalAudience,
    internalReplyMessage: state.internalReplyMessage,
    externalReplyMessage: state.externalReplyMessage,
    scheduledStartDateTime: epochMsToDateTimeTimeZone(state.scheduledStart, "UTC"),
    scheduledEndDateTime: epochMsToDateTimeTimeZone(state.scheduledEnd, "UTC"),
  };
}

/** mailboxSettings (user-get-mailboxsettings): the settings the emulator keeps plus fixed en-US defaults. */
export function mailboxSettingsResource(userId: string, state: MailboxState) {
  return {
    archiveFolder: `AQMkA${Buffer.from(`archive:${userId}`).toString("base64url")}AAAA==`,
    timeZone: state.timeZone,
    delegateMeetingMessageDeliveryOptions: "sendToDelegateOnly",
    dateFormat: state.dateFormat,
    timeFormat: state.timeFormat,
    userPurpose: "user",
    automaticRepliesSetting: automaticRepliesResource(state.automaticReplies),
    language: { locale: "en-US", displayName: "English (United States)" },
    workingHours: {
      daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"],
      startTime: "08:00:00.0000000",
      endTime: "17:00:00.0000000",
      timeZone: { name: state.timeZone },
    },
  };
}
