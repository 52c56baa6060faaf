import { createHash, randomBytes } from "node:crypto";
import type { AccountInfo, ConfidentialClientApplication } from "@azure/msal-node";
import type { GraphEmulator } from "../server.ts";
import { trustingFetch } from "./trusting-network.ts";

export const TEST_REDIRECT_URI = "http://localhost:3000/auth/callback";

/**
 * Signs a user in through the real authorization-code + PKCE flow (authorize redirect with login_hint, then msal's
 * acquireTokenByCode) and returns a token getter that goes through msal's cache (acquireTokenSilent).
 */
export async function signIn(
  emulator: GraphEmulator,
  cca: ConfidentialClientApplication,
  userPrincipalName: string,
  scopes: string[] = ["Presence.Read.All"],
): Promise<{ account: AccountInfo; getAccessToken: () => Promise<string> }> {
  const verifier = randomBytes(32).toString("base64url");
  const url = await cca.getAuthCodeUrl({
    scopes,
    redirectUri: TEST_REDIRECT_URI,
    loginHint: userPrincipalName,
    codeChallenge: createHash("sha256").update(verifier).digest("base64url"),
    codeChallengeMethod: "S256",
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
    });
    const account = result.account;
    if (!account) throw new Error("msal returned no account");
    return {
      account,
      getAccessToken: async () => (await cca.acquireTokenSilent({ account, scopes })).accessToken,
    };
  } finally {
    await tls.close();
  }
}
