import { homeTeamOf } from "../world/grants.ts";
import type { App, Grant, TokenKind, TokenRecord } from "../world/types.ts";
import type { SlackWorld } from "../world/world.ts";
import { ApiError } from "./api-error.ts";

/** Who is calling: the token, its app, its authorization and the workspace it acts in. */
export interface AuthContext {
  token: TokenRecord;
  kind: TokenKind;
  app: App;
  grant: Grant | null;
  scopes: string[];
  /** The bot user (bot tokens) or the person (user tokens); null for app-level tokens. */
  userId: string | null;
  /** The workspace the call acts in; for org-wide tokens the `team_id` argument, else the installer's. */
  teamId: string | null;
  enterpriseId: string | null;
}

/**
 * Resolves a token the way Slack answers for it: unknown → `invalid_auth`; revoked → `token_revoked`
 * (a bot token of an uninstalled app → `account_inactive`); deactivated person → `account_inactive`;
 * past its rotation expiry → `token_expired`.
 */
export function authenticate(
  world: SlackWorld,
  value: string | null,
  teamIdArg: string | undefined,
): AuthContext {
  if (value === null) throw new ApiError("not_authed");
  const token = world.tokens.get(value);
  if (!token) throw new ApiError("invalid_auth");
  const app = world.app(token.appId);
  if (token.grantId === null) {
    if (token.revoked) throw new ApiError("token_revoked");
    return {
      token,
      kind: "app",
      app,
      grant: null,
      scopes: token.appScopes,
      userId: null,
      teamId: null,
      enterpriseId: null,
    };
  }
  const grant = world.grant(token.grantId);
  if (token.revoked || !grant.active) {
    throw new ApiError(
      grant.kind === "bot" && grant.endedBy === "uninstalled" ? "account_inactive" : "token_revoked",
    );
  }
  if (world.user(grant.userId).deleted) throw new ApiError("account_inactive");
  if (token.expiresAt !== null && token.expiresAt <= world.clock.nowMs()) throw new ApiError("token_expired");
  let teamId = homeTeamOf(world, grant);
  if (grant.teamId === null && teamIdArg !== undefined) {
    const ws = world.workspaces.get(teamIdArg);
    // Only org-wide tokens read team_id; anyone else's team_id is ignored, as Slack does.
    if (ws?.enterpriseId === grant.enterpriseId) teamId = teamIdArg;
  }
  return {
    token,
    kind: grant.kind,
    app,
    grant,
    scopes: grant.scopes,
    userId: grant.userId,
    teamId,
    enterpriseId: grant.enterpriseId,
  };
}
