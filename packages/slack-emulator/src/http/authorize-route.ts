import type { ServerResponse } from "node:http";
import type { OAuthCodes } from "../oauth/oauth-codes.ts";
import { authorize } from "../oauth/authorize.ts";
import type { AuthorizeOutcome } from "../oauth/authorize.ts";
import type { SignInState } from "../oauth/sign-in.ts";
import type { SlackWorld } from "../world/world.ts";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A 302 back to the app, or a small error page like Slack's (with an `x-slack-emulator-error` header). */
export function sendAuthorizeOutcome(response: ServerResponse, outcome: AuthorizeOutcome): void {
  if (outcome.kind === "redirect") {
    response.writeHead(302, { location: outcome.location, "content-length": "0" });
    response.end();
    return;
  }
  const html = `<!doctype html><title>Slack emulator: ${escapeHtml(outcome.error)}</title><h1>${escapeHtml(outcome.error)}</h1><p>${escapeHtml(outcome.detail)}</p>`;
  response.writeHead(outcome.status, {
    "content-type": "text/html; charset=utf-8",
    "x-slack-emulator-error": outcome.error,
  });
  response.end(html);
}

/** `GET /oauth/v2/authorize`: 302 back to the app, or a small error page like Slack's. */
export function handleAuthorize(
  world: SlackWorld,
  codes: OAuthCodes,
  signIn: SignInState,
  query: URLSearchParams,
  response: ServerResponse,
): void {
  sendAuthorizeOutcome(response, authorize(world, codes, signIn, query));
}
