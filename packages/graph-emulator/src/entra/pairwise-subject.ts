import { createHash } from "node:crypto";

/**
 * The v2 `sub` claim: "a pairwise identifier ... unique to an application ID", "based on a combination of the token
 * recipient, tenant, and user" (ID token claims reference), so two apps see two values for one user while `oid` is
 * the same. Microsoft does not publish the derivation; the emulator hashes tenant, app and user (stable across
 * restarts for the same ids) and encodes it as base64url, the 43-character shape Entra emits.
 */
export function pairwiseSubject(input: { tenantId: string; clientId: string; userId: string }): string {
  return createHash("sha256")
    .update(
      `pairwise-sub\n${input.tenantId.toLowerCase()}\n${input.clientId.toLowerCase()}\n${input.userId.toLowerCase()}`,
    )
    .digest("base64url");
}
