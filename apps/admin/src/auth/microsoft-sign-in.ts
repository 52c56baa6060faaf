import type { ConfidentialClientApplication } from "@azure/msal-node";
import { BridgeError } from "@presence/core";

import type { SignInFlow } from "./sign-in-flow.ts";
import { codeChallenge } from "./sign-in-flow.ts";
import type { SignedIn } from "./signed-in.ts";

/** OpenID Connect scopes only: sign-in needs no Graph permission. */
const SCOPES = ["openid", "profile", "email"];

export interface MicrosoftSignIn {
  client: ConfidentialClientApplication;
  tenantId: string;
  redirectUri: string;
}

/** The Entra authorize URL (auth code + PKCE, with a nonce) for one sign-in. */
export function microsoftAuthorizeUrl(
  ms: MicrosoftSignIn,
  flowId: string,
  flow: SignInFlow,
  loginHint?: string,
): Promise<string> {
  return ms.client.getAuthCodeUrl({
    scopes: SCOPES,
    redirectUri: ms.redirectUri,
    state: flowId,
    nonce: flow.nonce,
    codeChallenge: codeChallenge(flow.verifier),
    codeChallengeMethod: "S256",
    responseMode: "query",
    ...(loginHint ? { loginHint } : { prompt: "select_account" }),
  });
}

/**
 * Redeems the code (msal checks the ID token's nonce) and reads who signed in from the ID token:
 * an account of this app's own tenant, keyed by object id; its groups when the app registration
 * emits them (groupMembershipClaims). With more groups than a token holds (overage) there are none.
 */
export async function redeemMicrosoftCode(
  ms: MicrosoftSignIn,
  code: string,
  flow: SignInFlow,
): Promise<SignedIn> {
  const result = await ms.client.acquireTokenByCode({
    code,
    scopes: SCOPES,
    redirectUri: ms.redirectUri,
    codeVerifier: flow.verifier,
    nonce: flow.nonce,
  });
  const claims = (result.idTokenClaims ?? {}) as Record<string, unknown>;
  const tenantId = typeof claims.tid === "string" ? claims.tid.toLowerCase() : "";
  const userId = typeof claims.oid === "string" ? claims.oid.toLowerCase() : "";
  if (!userId || tenantId !== ms.tenantId)
    throw new BridgeError("invalid_input", "This Microsoft account is not in the organisation's tenant");
  const email = [claims.email, claims.preferred_username].find(
    (value): value is string => typeof value === "string" && value.includes("@"),
  );
  const groups = Array.isArray(claims.groups)
    ? claims.groups.filter((g): g is string => typeof g === "string")
    : [];
  return {
    provider: "microsoft",
    tenantId,
    userId,
    name: typeof claims.name === "string" ? claims.name : "",
    email: email?.toLowerCase() ?? null,
    groups,
    groupsOverage: claims._claim_names !== undefined,
  };
}
