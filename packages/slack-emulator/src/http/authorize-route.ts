import type { IncomingMessage, ServerResponse } from "node:http";
import type { AuthorizeError, AuthorizeOutcome, AuthorizeRequest } from "../oauth/authorize.ts";
import type { BrowserSessions } from "../oauth/browser-sessions.ts";
import { emailSignIn, SIGN_IN_FIELDS, signInFields } from "../oauth/email-sign-in.ts";
import { signInWorkspace } from "../oauth/sign-in-workspace.ts";
import { signedInPerson } from "../oauth/sign-in.ts";
import type { SignInState } from "../oauth/sign-in.ts";
import type { SlackWorld } from "../world/world.ts";
import { escapeHtml } from "./html.ts";
import { readBody } from "./http-io.ts";
import { sessionCookie, sessionIdsFrom } from "./session-cookie.ts";
import { sendSignInPage } from "./sign-in-page.ts";

/** A 302 back to the app, or a small error page like Slack's (with an `x-slack-emulator-error` header). */
export function sendAuthorizeOutcome(
  response: ServerResponse,
  outcome: AuthorizeOutcome,
  headers: Record<string, string> = {},
): void {
  if (outcome.kind === "redirect") {
    response.writeHead(302, { location: outcome.location, "content-length": "0", ...headers });
    response.end();
    return;
  }
  const html = `<!doctype html><html lang="en"><title>Slack emulator: ${escapeHtml(outcome.error)}</title><main><h1>${escapeHtml(outcome.error)}</h1><p>${escapeHtml(outcome.detail)}</p></main></html>`;
  response.writeHead(outcome.status, {
    "content-type": "text/html; charset=utf-8",
    "x-slack-emulator-error": outcome.error,
    ...headers,
  });
  response.end(html);
}

export interface BrowserAuthorizeDeps {
  world: SlackWorld;
  signIn: SignInState;
  sessions: BrowserSessions;
}

/** Checks an authorize page's parameters (client, redirect, scopes…), as Slack does before anybody signs in. */
export type AuthorizeRequestOf = (query: URLSearchParams) => AuthorizeRequest | AuthorizeError;

/**
 * A browser authorize page (`/oauth/v2/authorize`, `/openid/connect/authorize`). `GET` checks the
 * parameters, then picks the person: the scripted one (`_emulator_user`, `oauthSignIn`), else the one
 * this browser signed in as before (session cookie); nobody → 200 with the sign-in page. The page posts
 * back to the same path; `POST` checks the same parameters (its hidden fields), signs the person in by
 * e-mail and password, remembers them in the session cookie and continues like a signed-in `GET`.
 */
export async function handleBrowserAuthorize(
  deps: BrowserAuthorizeDeps,
  requestOf: AuthorizeRequestOf,
  path: string,
  request: IncomingMessage,
  response: ServerResponse,
  query: URLSearchParams,
): Promise<void> {
  if (request.method === "POST") {
    await postSignIn(deps, requestOf, path, request, response);
    return;
  }
  const authorize = requestOf(query);
  if (authorize.kind === "error") return sendAuthorizeOutcome(response, authorize);
  const scripted = signedInPerson(deps.world, deps.signIn, query);
  if (scripted) return sendAuthorizeOutcome(response, authorize.grant(scripted));
  const place = signInWorkspace(deps.world, authorize.app, query.get("team"));
  if (place.kind === "error") return sendAuthorizeOutcome(response, place);
  const sessionIds = sessionIdsFrom(request.headers.cookie);
  const remembered = deps.sessions.person(deps.world, sessionIds, place.workspace?.id ?? null);
  if (remembered) return sendAuthorizeOutcome(response, authorize.grant(remembered));
  sendSignInPage(response, {
    action: path,
    params: query,
    workspace: place.workspace,
    appName: authorize.app.name,
  });
}

async function postSignIn(
  deps: BrowserAuthorizeDeps,
  requestOf: AuthorizeRequestOf,
  path: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const form = new URLSearchParams(await readBody(request));
  const fields = signInFields.parse({
    email: form.get("email") ?? "",
    password: form.get("password") ?? "",
  });
  const params = new URLSearchParams(
    [...form].filter(([name]) => !(SIGN_IN_FIELDS as readonly string[]).includes(name)),
  );
  const authorize = requestOf(params);
  if (authorize.kind === "error") return sendAuthorizeOutcome(response, authorize);
  const place = signInWorkspace(deps.world, authorize.app, params.get("team"));
  if (place.kind === "error") return sendAuthorizeOutcome(response, place);

  const attempt = emailSignIn(deps.world, place.workspace, fields);
  if (attempt.kind === "refused") {
    return sendSignInPage(response, {
      action: path,
      params,
      workspace: place.workspace,
      appName: authorize.app.name,
      alert: { message: attempt.message, field: attempt.field },
      email: fields.email,
    });
  }
  const sessionId = deps.sessions.remember(sessionIdsFrom(request.headers.cookie), attempt.user.id);
  sendAuthorizeOutcome(response, authorize.grant(attempt.user), { "set-cookie": sessionCookie(sessionId) });
}
