import { createHash } from "node:crypto";
import { roleRank } from "../world/roles.ts";
import type { App, User } from "../world/types.ts";
import type { SlackWorld } from "../world/world.ts";
import type { OAuthCodes } from "./oauth-codes.ts";
import { redirectAllowed, withQuery } from "./redirect-urls.ts";
import { consentDenied } from "./sign-in.ts";
import type { SignInState } from "./sign-in.ts";

/** What an authorize page answers a signed-in person: a redirect back to the app, or an error page (Slack shows one too). */
export type AuthorizeOutcome =
  { kind: "redirect"; location: string } | { kind: "error"; status: 400; error: string; detail: string };

/**
 * An authorize request whose parameters passed every check Slack makes before anybody signs in. `grant`
 * is the rest for the signed-in person: consent, then a redirect with a code or `access_denied`.
 */
export interface AuthorizeRequest {
  kind: "request";
  app: App;
  grant(user: User): AuthorizeOutcome;
}

/** A scope list as Slack reads it: comma- or space-separated. */
export const scopeList = (value: string | null): string[] =>
  (value ?? "").split(/[\s,]+/).filter((scope) => scope.length > 0);

export type AuthorizeError = Extract<AuthorizeOutcome, { kind: "error" }>;

export const authorizeFailure = (error: string, detail: string): AuthorizeError => ({
  kind: "error",
  status: 400,
  error,
  detail,
});

/**
 * The app (`client_id`) and where the browser goes back to: `redirect_uri` if it lies within the app's
 * Redirect URLs, else the first of them. An unknown client or a foreign redirect is an error page.
 */
export function clientAndRedirect(
  world: SlackWorld,
  query: URLSearchParams,
): { kind: "client"; app: App; requested: string | null; redirect: string } | AuthorizeError {
  const app = world.appByClientId(query.get("client_id") ?? "");
  if (!app) return authorizeFailure("invalid_client_id", "Unknown client_id.");
  const requested = query.get("redirect_uri");
  if (requested !== null && !redirectAllowed(app.redirectUrls, requested)) {
    return authorizeFailure("bad_redirect_uri", "redirect_uri does not match the app's Redirect URLs.");
  }
  const redirect = requested ?? app.redirectUrls[0];
  if (redirect === undefined)
    return authorizeFailure("bad_redirect_uri", "The app has no Redirect URL configured.");
  return { kind: "client", app, requested, redirect };
}

export function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

/**
 * OAuth v2's authorize request (`client_id`, `scope`, `user_scope`, `state`, `redirect_uri`, `team`,
 * `code_challenge`), checked before anybody signs in. `grant` is the consent step for the signed-in
 * person: their answer comes from the sign-in state or `_emulator_decision` / `_emulator_org_install`.
 */
export function oauthV2Request(
  world: SlackWorld,
  codes: OAuthCodes,
  signIn: SignInState,
  query: URLSearchParams,
): AuthorizeRequest | AuthorizeError {
  const client = clientAndRedirect(world, query);
  if (client.kind === "error") return client;
  const { app, requested, redirect } = client;
  const botScopes = scopeList(query.get("scope"));
  const userScopes = scopeList(query.get("user_scope"));
  if (botScopes.length === 0 && userScopes.length === 0)
    return authorizeFailure("invalid_scope", "No scope or user_scope requested.");
  const challenge = query.get("code_challenge");
  if (challenge !== null && (query.get("code_challenge_method") ?? "S256") !== "S256") {
    return authorizeFailure("invalid_code_challenge_method", "Only S256 is supported.");
  }
  const state = query.get("state") ?? undefined;

  const grant = (user: User): AuthorizeOutcome => {
    const team = query.get("team");
    if (team !== null && team !== user.teamId)
      return authorizeFailure("team_mismatch", `The signed-in user is not a member of ${team}.`);
    if (consentDenied(signIn, query))
      return { kind: "redirect", location: withQuery(redirect, { error: "access_denied", state }) };

    const orgWide = (query.get("_emulator_org_install") ?? (signIn.orgWide ? "1" : "0")) === "1";
    if (orgWide) {
      const ws = world.workspace(user.teamId);
      if (ws.enterpriseId === null || !app.orgDeployEnabled)
        return authorizeFailure(
          "org_install_unavailable",
          "Org-wide install needs an Enterprise Grid workspace and an app with org deployment enabled.",
        );
      if (user.orgRole === null || roleRank(user.orgRole) < roleRank("admin"))
        return authorizeFailure(
          "org_install_not_allowed",
          "Only Org Admins and Owners can install an app for the whole org.",
        );
    }
    const code = codes.issue(
      {
        appId: app.id,
        userId: user.id,
        botScopes,
        userScopes,
        redirectUri: requested,
        orgWide,
        codeChallenge: challenge,
      },
      world.clock.nowMs(),
    );
    return { kind: "redirect", location: withQuery(redirect, { code: code.code, state }) };
  };
  return { kind: "request", app, grant };
}
