import { createHash, randomBytes } from "node:crypto";
import type { AccountInfo, AuthenticationResult, ConfidentialClientApplication } from "@azure/msal-node";
import type { GraphEmulator } from "../server.ts";
import { trustingFetch } from "./trusting-network.ts";

export const TEST_REDIRECT_URI = "http://localhost:3000/auth/callback";

/**
 * Signs a user in through the real authorization-code + PKCE flow (authorize redirect with login_hint, then msal's
 * acquireTokenByCode) and returns a token getter that goes through msal's cache (acquireTokenSilent), and msal's
 * result (`result.idTokenClaims`). With `nonce`, msal sends it and checks the ID token echoes it.
 */
export async function signIn(
  emulator: GraphEmulator,
  cca: ConfidentialClientApplication,
  userPrincipalName: string,
  scopes: string[] = ["Presence.Read.All"],
  options: { nonce?: string } = {},
): Promise<{ account: AccountInfo; getAccessToken: () => Promise<string>; result: AuthenticationResult }> {
  const verifier = randomBytes(32).toString("base64url");
  const url = await cca.getAuthCodeUrl({
    scopes,
    redirectUri: TEST_REDIRECT_URI,
    loginHint: userPrincipalName,
    codeChallenge: createHash("sha256").update(verifier).digest("base64url"),
    codeChallengeMethod: "S256",
    ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
  });
  const tls = trustingFetch(emulator.ca);
  try {
    const response = await tls.fetch(url, { redirect: "manual" });
    const code = new URL(response.headers.get("location") ?? "").searchParams.get("code");
    if (!code)
      throw new Error(
        `sign-in of ${userPrincipalName} failed: ${response.status} ${response.headers.get("location") ?? ""}`,
      );
    const result = await cca.acquireTokenByCode({
      code,
      scopes,
      redirectUri: TEST_REDIRECT_URI,
      codeVerifier: verifier,
      ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
    });
    const account = result.account;
    if (!account) throw new Error("msal returned no account");
    return {
      account,
      getAccessToken: async () => (await cca.acquireTokenSilent({ account, scopes })).accessToken,
      result,
    };
  } finally {
    await tls.close();
  }
}
