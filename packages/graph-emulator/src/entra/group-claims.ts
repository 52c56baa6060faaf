import type { AppRegistration, Directory, DirectoryUser } from "../directory/directory.ts";

/**
 * Groups overage limit for JWTs (ID token claims reference, "Groups overage claim": 150 for SAML tokens, 200 for
 * JWT tokens). A user in more groups than this gets the overage claim instead of `groups`.
 */
export const JWT_GROUPS_LIMIT = 200;

/** Either `groups`, or (overage) `_claim_names` + `_claim_sources`, or nothing. */
export interface GroupClaims {
  groups?: string[];
  _claim_names?: { groups: "src1" };
  _claim_sources?: { src1: { endpoint: string } };
}

/**
 * The `groups` claim an app's `groupMembershipClaims` asks for (reference-app-manifest): `None` → nothing;
 * `SecurityGroup` → the security groups the user is a member of; `All` → every group. Directory roles (part of both
 * in Entra) are not modelled. No groups → no claim (claims are present only when a value fills them). More than
 * {@link JWT_GROUPS_LIMIT} → no `groups`, but `_claim_names` / `_claim_sources` pointing at Graph's
 * `/v1.0/users/{oid}/getMemberObjects` on this emulator (`graphBaseUrl`). `hasgroups` is only for implicit-flow
 * tokens, which the emulator does not issue.
 */
export function groupClaims(
  directory: Directory,
  app: AppRegistration,
  user: DirectoryUser,
  graphBaseUrl: string,
): GroupClaims {
  if (app.groupMembershipClaims === "None") return {};
  const ids = directory
    .groupsOf(user.id)
    .filter((g) => g.tenantId === user.tenantId)
    .filter((g) => app.groupMembershipClaims === "All" || g.securityEnabled)
    .map((g) => g.id);
  if (ids.length === 0) return {};
  if (ids.length <= JWT_GROUPS_LIMIT) return { groups: ids };
  return {
    _claim_names: { groups: "src1" },
    _claim_sources: { src1: { endpoint: `${graphBaseUrl}/v1.0/users/${user.id}/getMemberObjects` } },
  };
}
