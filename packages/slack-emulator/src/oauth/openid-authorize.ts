import type { User } from "../world/types.ts";
import type { SlackWorld } from "../world/world.ts";
import { authorizeFailure, clientAndRedirect, scopeList } from "./authorize.ts";
import type { AuthorizeError, AuthorizeOutcome, AuthorizeRequest } from "./authorize.ts";
import { OPENID_SCOPES } from "./openid-claims.ts";
import type { OpenIdCodes } from "./openid-codes.ts";
import { withQuery } from "./redirect-urls.ts";
import { consentDenied } from "./sign-in.ts";
import type { SignInState } from "./sign-in.ts";

const isOpenIdScope = (scope: string): boolean => (OPENID_SCOPES as readonly string[]).includes(scope);

/**
 * Sign in with Slack's authorize request (`GET /openid/connect/authorize?response_type=code&scope=openid…
 * &client_id&redirect_uri&state&nonce[&team]`), checked before anybody signs in. Client and redirect
 * checks and the consent step work exactly as on /oauth/v2/authorize; the code carries the scopes and
 * the nonce.
 */
export function openIdRequest(
  world: SlackWorld,
  codes: OpenIdCodes,
  signIn: SignInState,
  query: URLSearchParams,
): AuthorizeRequest | AuthorizeError {
  const client = clientAndRedirect(world, query);
  if (client.kind === "error") return client;
  const { app, requested, redirect } = client;
  if (query.get("response_type") !== "code")
    return authorizeFailure(
      "unsupported_response_type",
      "Sign in with Slack only supports response_type=code.",
    );
  const scopes = [...new Set(scopeList(query.get("scope")))];
  if (!scopes.includes("openid"))
    return authorizeFailure("invalid_scope", "Sign in with Slack needs the openid scope.");
  const unknown = scopes.filter((scope) => !isOpenIdScope(scope));
  if (unknown.length > 0)
    return authorizeFailure(
      "invalid_scope",
      `Sign in with Slack only grants ${OPENID_SCOPES.join(", ")}; not ${unknown.join(", ")}.`,
    );
  const state = query.get("state") ?? undefined;

  const grant = (user: User): AuthorizeOutcome => {
    const team = query.get("team");
    if (team !== null && team !== user.teamId)
      return authorizeFailure("team_mismatch", `The signed-in user is not a member of ${team}.`);
    if (consentDenied(signIn, query))
      return { kind: "redirect", location: withQuery(redirect, { error: "access_denied", state }) };

    const code = codes.issue(
      {
        appId: app.id,
        userId: user.id,
        scopes: OPENID_SCOPES.filter((scope) => scopes.includes(scope)),
        redirectUri: requested,
        nonce: query.get("nonce"),
        authTime: Math.floor(Date.now() / 1000),
      },
      world.clock.nowMs(),
    );
    return { kind: "redirect", location: withQuery(redirect, { code: code.code, state }) };
  };
  return { kind: "request", app, grant };
}
