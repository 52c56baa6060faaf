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
  | "subscriptions.presence";

interface PermissionRule {
  /** Delegated scopes allowing the call for any user. */
  delegated: string[];
  /** Delegated scopes allowing the call only on the signed-in user. */
  delegatedSelf: string[];
  /** Application roles; empty = "Not supported". */
  application: string[];
  /** Combinations that allow the call together ("X and Y"), for delegated and application tokens alike. */
  allOf?: string[][];
}

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
};

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
  if (principal.kind === "app") {
    if (anyOf(principal.roles, rule.application) || anyCombination(principal.roles, rule.allOf)) return;
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
  throw new GraphError(
    403,
    "Forbidden",
    `Missing scope permissions on the request. API requires one of '${describe(rule, needed)}'. Scopes on the request '${principal.scopes.join(", ")}'.`,
  );
}
