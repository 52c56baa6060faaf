import { createHash } from "node:crypto";
import { roleRank } from "../world/roles.ts";
import type { SlackWorld } from "../world/world.ts";
import type { OAuthCodes } from "./oauth-codes.ts";
import { redirectAllowed, withQuery } from "./redirect-urls.ts";
import type { SignInState } from "./sign-in.ts";

/** What /oauth/v2/authorize answers: a redirect back to the app, or an error page (Slack shows one too). */
export type AuthorizeOutcome =
  { kind: "redirect"; location: string } | { kind: "error"; status: 400; error: string; detail: string };

const csv = (value: string | null): string[] =>
  (value ?? "").split(/[\s,]+/).filter((scope) => scope.length > 0);

const fail = (error: string, detail: string): AuthorizeOutcome => ({
  kind: "error",
  status: 400,
  error,
  detail,
});

export function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

/**
 * The consent step of OAuth v2. No login UI: the signed-in person and their answer come from the
 * sign-in state, or from `_emulator_user` / `_emulator_decision` / `_emulator_org_install` on the URL.
 */
export function authorize(
  world: SlackWorld,
  codes: OAuthCodes,
  signIn: SignInState,
  query: URLSearchParams,
): AuthorizeOutcome {
  const app = world.appByClientId(query.get("client_id") ?? "");
  if (!app) return fail("invalid_client_id", "Unknown client_id.");
  const requested = query.get("redirect_uri");
  if (requested !== null && !redirectAllowed(app.redirectUrls, requested)) {
    return fail("bad_redirect_uri", "redirect_uri does not match the app's Redirect URLs.");
  }
  const redirect = requested ?? app.redirectUrls[0];
  if (redirect === undefined) return fail("bad_redirect_uri", "The app has no Redirect URL configured.");
  const botScopes = csv(query.get("scope"));
  const userScopes = csv(query.get("user_scope"));
  if (botScopes.length === 0 && userScopes.length === 0)
    return fail("invalid_scope", "No scope or user_scope requested.");
  const state = query.get("state") ?? undefined;

  const userId = query.get("_emulator_user") ?? signIn.userId;
  const user = userId === null ? undefined : world.users.get(userId);
  if (!user || user.deleted || user.isBot) {
    return fail(
      "not_signed_in",
      "Nobody is signed in: pass _emulator_user=<user id> or set one with the control API (oauth.signIn).",
    );
  }
  const team = query.get("team");
  if (team !== null && team !== user.teamId)
    return fail("team_mismatch", `The signed-in user is not a member of ${team}.`);

  const decision = query.get("_emulator_decision") ?? signIn.decision;
  if (decision === "deny")
    return { kind: "redirect", location: withQuery(redirect, { error: "access_denied", state }) };

  const orgWide = (query.get("_emulator_org_install") ?? (signIn.orgWide ? "1" : "0")) === "1";
  if (orgWide) {
    const ws = world.workspace(user.teamId);
    if (ws.enterpriseId === null || !app.orgDeployEnabled)
      return fail(
        "org_install_unavailable",
        "Org-wide install needs an Enterprise Grid workspace and an app with org deployment enabled.",
      );
    if (user.orgRole === null || roleRank(user.orgRole) < roleRank("admin"))
      return fail(
        "org_install_not_allowed",
        "Only Org Admins and Owners can install an app for the whole org.",
      );
  }
  const challenge = query.get("code_challenge");
  if (challenge !== null && (query.get("code_challenge_method") ?? "S256") !== "S256") {
    return fail("invalid_code_challenge_method", "Only S256 is supported.");
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
}
