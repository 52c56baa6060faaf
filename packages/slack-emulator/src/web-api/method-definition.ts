import type { TokenKind } from "../world/types.ts";
import type { SlackWorld } from "../world/world.ts";
import type { ApiRequest } from "./api-request.ts";
import { ApiError } from "./api-error.ts";
import type { AuthContext } from "./authenticate.ts";

/** What the Web API methods may use beyond the world. */
export interface MethodServices {
  /** Issues a single-use Socket Mode ticket and returns the websocket URL for it. */
  openSocketModeTicket(appId: string): string;
}

export interface MethodContext {
  world: SlackWorld;
  services: MethodServices;
  request: ApiRequest;
  args: Record<string, unknown>;
  /** Null only for methods authenticated by client credentials (oauth.v2.access). */
  auth: AuthContext | null;
}

/** `client_credentials`: authenticated by client id/secret, not a token. */
export type AcceptedCredential = TokenKind | "client_credentials";

export interface MethodDefinition {
  name: string;
  accepts: readonly AcceptedCredential[];
  /** Slack's specific error when the spec says an argument is missing or malformed (else `invalid_arguments`). */
  argErrors?: Record<string, string>;
  /** `users.profile.set`: the person whose profile the call changes (for the per-person limits). */
  profileTarget?: (ctx: MethodContext & { auth: AuthContext }) => string;
  handle(ctx: MethodContext): Record<string, unknown> | Promise<Record<string, unknown>>;
}

export function authOf(ctx: MethodContext): AuthContext {
  if (!ctx.auth) throw new ApiError("not_authed");
  return ctx.auth;
}

/** The calling person or bot user; app-level tokens have none. */
export function callerOf(ctx: MethodContext): string {
  const auth = authOf(ctx);
  if (auth.userId === null) throw new ApiError("not_allowed_token_type");
  return auth.userId;
}

export function teamOf(ctx: MethodContext): string {
  const auth = authOf(ctx);
  if (auth.teamId === null) throw new ApiError("not_allowed_token_type");
  return auth.teamId;
}
