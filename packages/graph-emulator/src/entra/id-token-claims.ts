import type { AppRegistration, DirectoryUser } from "../directory/directory.ts";
import { newOpaqueToken } from "../ids.ts";
import type { GroupClaims } from "./group-claims.ts";
import { pairwiseSubject } from "./pairwise-subject.ts";
import { issuerFor } from "./token-issuer.ts";

/** Payload of a v2 ID token (ID token claims reference), without the `iat` / `nbf` / `exp` the issuer adds. */
export type IdTokenClaims = {
  aud: string;
  iss: string;
  sub: string;
  tid: string;
  ver: "2.0";
  uti: string;
  nonce?: string;
  name?: string;
  preferred_username?: string;
  oid?: string;
  email?: string;
} & GroupClaims;

/**
 * What Entra puts in a v2 ID token for a member user of the app's tenant, from the OpenID scopes granted:
 *
 * - always `aud` (the client id), `iss`, `sub` (pairwise per app), `tid`, `ver`, `uti`, and `nonce` when the
 *   authorize request sent one;
 * - `profile` → `name`, `preferred_username`, `oid` ("the profile scope is required to receive this claim");
 * - `email` → `email`, only when the user has a mail ("included in a token only if an email address is associated
 *   with the user account" — scopes-oidc);
 * - `groups` or the overage claims as the app's `groupMembershipClaims` asks (see group-claims.ts).
 *
 * Not emitted: optional claims (`login_hint`, `sid`, `auth_time`, `given_name`, `family_name`, `upn`, `acct`, …) —
 * the emulator has no `optionalClaims`; `roles` (no app roles); `idp` (no guests); `c_hash` / `at_hash` (not on ID
 * tokens from the token endpoint); the opaque `aio` / `rh`.
 */
export function idTokenClaims(input: {
  origin: string;
  app: AppRegistration;
  user: DirectoryUser;
  oidcScopes: string[];
  nonce?: string;
  groups: GroupClaims;
}): IdTokenClaims {
  const { app, user } = input;
  const scopes = new Set(input.oidcScopes.map((s) => s.toLowerCase()));
  return {
    aud: app.clientId,
    iss: issuerFor(input.origin, user.tenantId),
    sub: pairwiseSubject({ tenantId: user.tenantId, clientId: app.clientId, userId: user.id }),
    tid: user.tenantId,
    ver: "2.0",
    uti: newOpaqueToken(16),
    ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
    ...(scopes.has("profile")
      ? { name: user.displayName, preferred_username: user.userPrincipalName, oid: user.id }
      : {}),
    ...(scopes.has("email") && user.mail ? { email: user.mail } : {}),
    ...input.groups,
  };
}
