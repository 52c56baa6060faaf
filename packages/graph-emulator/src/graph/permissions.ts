import type { Principal } from "../entra/token-issuer.ts";
import { includesIgnoringCase } from "../entra/scopes.ts";
import { GraphError } from "./graph-errors.ts";

export type GraphOperation =
  | "presence.read"
  | "presence.readMany"
  | "presence.write"
  | "users.read"
  | "users.memberObjects"
  | "groups.read"
  | "subscriptions.presence"
  | "calendar.read"
  | "mailboxSettings.read"
  | "mailboxSettings.write"
  | "subscriptions.events";

interface PermissionRule {
  /** Delegated scopes allowing the call for any user. */
  delegated: string[];
  /** Delegated scopes allowing the call only on the signed-in user. */
  delegatedSelf: string[];
  /** Application roles; empty = "Not supported". */
  application: string[];
  /** Combinations that allow the call together ("X and Y"), for delegated and application tokens alike. */
  allOf?: string[][];
  /** The 403 this API answers instead of the generic one (Outlook: Exchange's ErrorAccessDenied). */
  denial?: { code: string; message: string };
}

/** What Exchange-backed Graph APIs (calendar, mailbox settings) answer without the permission [field-observed]. */
const OUTLOOK_DENIAL = {
  code: "ErrorAccessDenied",
  message: "Access is denied. Check credentials and try again.",
};

/**
 * Least and higher privileged permissions from the reference's tables: presence get §2.1, getPresencesByUserId §2.2,
 * setPresence/clearPresence/setUserPreferredPresence/clearUserPreferredPresence/setStatusMessage §3.1–§3.5, presence
 * subscriptions §4.1 (delegated only). Users: Graph's list/get-user permission tables [knowledge; not in the reference].
 */
const RULES: Record<GraphOperation, PermissionRule> = {
  "presence.read": {
    delegated: ["Presence.Read.All"],
    delegatedSelf: ["Presence.Read", "Presence.ReadWrite"],
    application: ["Presence.Read.All", "Presence.ReadWrite.All"],
  },
  "presence.readMany": {
    delegated: ["Presence.Read.All"],
    delegatedSelf: [],
    application: ["Presence.Read.All", "Presence.ReadWrite.All"],
  },
  "presence.write": {
    delegated: [],
    delegatedSelf: ["Presence.ReadWrite"],
    application: ["Presence.ReadWrite.All"],
  },
  "users.read": {
    delegated: [
      "User.ReadBasic.All",
      "User.Read.All",
      "User.ReadWrite.All",
      "Directory.Read.All",
      "Directory.ReadWrite.All",
    ],
    delegatedSelf: ["User.Read", "User.ReadWrite"],
    application: ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"],
  },
  /**
   * getMemberObjects on a user (Graph's directoryObject-getmemberobjects, "Memberships for a user"): User.Read for
   * oneself; User.Read.All / Directory.Read.All (and their ReadWrite) for anyone; the current page also lists
   * "User.ReadBasic.All and GroupMember.Read.All" as least privileged for other users.
   */
  "users.memberObjects": {
    delegated: ["User.Read.All", "Directory.Read.All", "User.ReadWrite.All", "Directory.ReadWrite.All"],
    delegatedSelf: ["User.Read", "User.ReadWrite"],
    application: ["User.Read.All", "Directory.Read.All", "User.ReadWrite.All", "Directory.ReadWrite.All"],
    allOf: [["User.ReadBasic.All", "GroupMember.Read.All"]],
  },
  /** Get group (group-get): the same list for delegated and application. */
  "groups.read": {
    delegated: [
      "GroupMember.Read.All",
      "Group.Read.All",
      "Directory.Read.All",
      "Group.ReadWrite.All",
      "Directory.ReadWrite.All",
    ],
    delegatedSelf: [],
    application: [
      "GroupMember.Read.All",
      "Group.Read.All",
      "Directory.Read.All",
      "Group.ReadWrite.All",
      "Directory.ReadWrite.All",
    ],
  },
  "subscriptions.presence": { delegated: ["Presence.Read.All"], delegatedSelf: [], application: [] },
  /**
   * List calendarView / get event: Calendars.ReadBasic least privileged, Calendars.Read and Calendars.ReadWrite higher,
   * for delegated and application alike (user-list-calendarview). The application role is named
   * Calendars.ReadBasic.All in the permissions reference; both spellings are accepted. Delegated access to another
   * user's calendar needs sharing (Calendars.Read.Shared), which is not modelled: only one's own calendar.
   */
  "calendar.read": {
    delegated: [],
    delegatedSelf: ["Calendars.ReadBasic", "Calendars.Read", "Calendars.ReadWrite"],
    application: ["Calendars.ReadBasic", "Calendars.ReadBasic.All", "Calendars.Read", "Calendars.ReadWrite"],
    denial: OUTLOOK_DENIAL,
  },
  /** Get mailboxSettings / automaticRepliesSetting: MailboxSettings.Read, higher MailboxSettings.ReadWrite. */
  "mailboxSettings.read": {
    delegated: [],
    delegatedSelf: ["MailboxSettings.Read", "MailboxSettings.ReadWrite"],
    application: ["MailboxSettings.Read", "MailboxSettings.ReadWrite"],
    denial: OUTLOOK_DENIAL,
  },
  /** Update mailboxSettings: MailboxSettings.ReadWrite. */
  "mailboxSettings.write": {
    delegated: [],
    delegatedSelf: ["MailboxSettings.ReadWrite"],
    application: ["MailboxSettings.ReadWrite"],
    denial: OUTLOOK_DENIAL,
  },
  /**
   * Subscriptions to `/me/events`, `/users/{id}/events` (outlook-change-notifications-overview): Calendars.Read for
   * delegated and application; delegated only for the signed-in user's own mailbox.
   */
  "subscriptions.events": {
    delegated: [],
    delegatedSelf: ["Calendars.Read", "Calendars.ReadWrite"],
    application: ["Calendars.Read", "Calendars.ReadWrite"],
  },
};

/** True when the token reads calendars only through Calendars.ReadBasic (no Calendars.Read / ReadWrite). */
export function calendarReadIsBasic(principal: Principal): boolean {
  const held = principal.kind === "app" ? principal.roles : principal.scopes;
  return !anyOf(held, ["Calendars.Read", "Calendars.ReadWrite"]);
}

function anyOf(held: string[], needed: string[]): boolean {
  return needed.some((n) => includesIgnoringCase(held, n));
}

function anyCombination(held: string[], combinations: string[][] | undefined): boolean {
  return (combinations ?? []).some((all) => all.every((n) => includesIgnoringCase(held, n)));
}

const describe = (rule: PermissionRule, single: string[]): string =>
  [...single, ...(rule.allOf ?? []).map((all) => all.join(" and "))].join(", ");

/**
 * Throws 403 when the token lacks the permission. `targetUserId` is the user the call is about (for "self only"
 * delegated permissions); omit it for calls about many users.
 */
export function requirePermission(
  principal: Principal,
  operation: GraphOperation,
  targetUserId?: string,
): void {
  const rule = RULES[operation];
  const deny = (fallback: string): GraphError =>
    rule.denial
      ? new GraphError(403, rule.denial.code, rule.denial.message)
      : new GraphError(403, "Forbidden", fallback);
  if (principal.kind === "app") {
    if (anyOf(principal.roles, rule.application) || anyCombination(principal.roles, rule.allOf)) return;
    if (rule.denial) throw deny("");
    throw new GraphError(
      403,
      "Forbidden",
      rule.application.length === 0
        ? "Application permissions are not supported for this operation; a delegated (signed-in user) token is required."
        : `Missing role permissions on the request. API requires one of '${describe(rule, rule.application)}'. Roles on the request '${principal.roles.join(", ")}'.`,
    );
  }
  if (anyOf(principal.scopes, rule.delegated) || anyCombination(principal.scopes, rule.allOf)) return;
  const self = targetUserId !== undefined && targetUserId.toLowerCase() === principal.userId.toLowerCase();
  if (self && anyOf(principal.scopes, rule.delegatedSelf)) return;
  if (
    !self &&
    targetUserId !== undefined &&
    operation === "presence.write" &&
    anyOf(principal.scopes, rule.delegatedSelf)
  ) {
    // Field report in reference §3.5: delegated writes for another user answer 401 with this message.
    throw new GraphError(
      401,
      "Unauthorized",
      `Cannot set the presence of another user. Authenticated user: ${principal.userId}. Requested user: ${targetUserId}`,
    );
  }
  const needed = [...rule.delegated, ...rule.delegatedSelf];
  throw deny(
    `Missing scope permissions on the request. API requires one of '${describe(rule, needed)}'. Scopes on the request '${principal.scopes.join(", ")}'.`,
  );
}
