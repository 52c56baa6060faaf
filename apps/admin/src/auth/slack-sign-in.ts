import { BridgeError } from "@presence/core";
import { WebClient } from "@slack/web-api";
import { decodeJwt } from "jose";

import type { SlackSignIn } from "../admin-settings.ts";
import type { SignInFlow } from "./sign-in-flow.ts";
import type { SignedIn } from "./signed-in.ts";

const SCOPES = "openid email profile";

/** Slack's OpenID Connect authorize URL for one sign-in ("Sign in with Slack"). */
export function slackAuthorizeUrl(
  slack: SlackSignIn,
  redirectUri: string,
  flowId: string,
  flow: SignInFlow,
): string {
  const url = new URL(slack.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: "code",
    scope: SCOPES,
    client_id: slack.clientId,
    redirect_uri: redirectUri,
    state: flowId,
    nonce: flow.nonce,
  }).toString();
  return url.toString();
}

/**
 * Redeems the code with `openid.connect.token` and reads the ID token. It comes straight from Slack
 * over TLS in answer to the app's own secret, so its origin is known (OIDC Core 3.1.3.7); its
 * audience, expiry and nonce are checked here.
 */
export async function redeemSlackCode(
  slack: SlackSignIn,
  redirectUri: string,
  code: string,
  flow: SignInFlow,
): Promise<SignedIn> {
  const client = new WebClient(undefined, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  const result = await client.openid.connect.token({
    client_id: slack.clientId,
    client_secret: slack.clientSecret,
    code,
    redirect_uri: redirectUri,
  });
  if (!result.id_token) throw new BridgeError("upstream_rejected", "Slack returned no ID token");
  const claims = decodeJwt(result.id_token);
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audience.includes(slack.clientId))
    throw new BridgeError("invalid_input", "The ID token is for another app");
  if (claims.nonce !== flow.nonce)
    throw new BridgeError("invalid_input", "The ID token's nonce does not match");
  if (typeof claims.exp !== "number" || claims.exp * 1000 < Date.now())
    throw new BridgeError("invalid_input", "The ID token has expired");
  const teamId = claims["https://slack.com/team_id"];
  const userId = claims["https://slack.com/user_id"];
  if (typeof teamId !== "string" || typeof userId !== "string")
    throw new BridgeError("upstream_rejected", "The ID token names no Slack team or user");
  const verified = claims.email_verified === true;
  return {
    provider: "slack",
    tenantId: teamId,
    userId,
    name: typeof claims.name === "string" ? claims.name : "",
    email: verified && typeof claims.email === "string" ? claims.email.toLowerCase() : null,
    groups: [],
    groupsOverage: false,
  };
}
