import { ApiError } from "../web-api/api-error.ts";
import { stringArgument } from "../web-api/api-request.ts";
import type { MethodContext, MethodDefinition } from "../web-api/method-definition.ts";
import { authorizeUser, installBot, issueToken } from "../world/grants.ts";
import type { IssuedToken } from "../world/grants.ts";
import type { App, Grant } from "../world/types.ts";
import type { SlackWorld } from "../world/world.ts";
import { s256 } from "./authorize.ts";
import type { OAuthCodes } from "./oauth-codes.ts";
import { redirectAllowed } from "./redirect-urls.ts";

function expiring(issued: IssuedToken): Record<string, unknown> {
  return issued.refreshToken === null
    ? {}
    : { expires_in: issued.expiresIn, refresh_token: issued.refreshToken };
}

function teamAndEnterprise(world: SlackWorld, grant: Grant): Record<string, unknown> {
  const enterprise = grant.enterpriseId === null ? null : world.enterprise(grant.enterpriseId);
  const team = grant.teamId === null ? null : world.workspace(grant.teamId);
  return {
    team: team ? { id: team.id, name: team.name } : null,
    enterprise: enterprise ? { id: enterprise.id, name: enterprise.name } : null,
    is_enterprise_install: grant.isEnterpriseInstall,
  };
}

/** The app named by `client_id` (form/JSON field or HTTP Basic user) and the secret sent with it. */
export function clientApp(ctx: MethodContext): { app: App; secret: string | undefined } {
  const clientId = stringArgument(ctx.args, "client_id") ?? ctx.request.basic?.user;
  const app = clientId ? ctx.world.appByClientId(clientId) : undefined;
  if (!app) throw new ApiError("invalid_client_id");
  return { app, secret: stringArgument(ctx.args, "client_secret") ?? ctx.request.basic?.password };
}

function exchangeCode(
  ctx: MethodContext,
  codes: OAuthCodes,
  app: App,
  secret: string | undefined,
): Record<string, unknown> {
  const { world } = ctx;
  const code = codes.redeemable(stringArgument(ctx.args, "code") ?? "", app.id, world.clock.nowMs());
  if (!code) throw new ApiError("invalid_code");
  const verifier = stringArgument(ctx.args, "code_verifier");
  if (code.codeChallenge !== null) {
    if (verifier === undefined || s256(verifier) !== code.codeChallenge)
      throw new ApiError("invalid_code_verifier");
    if (secret !== undefined && secret !== app.clientSecret) throw new ApiError("bad_client_secret");
  } else if (secret !== app.clientSecret) {
    throw new ApiError("bad_client_secret");
  }
  const redirect = stringArgument(ctx.args, "redirect_uri");
  if (
    code.redirectUri !== null
      ? redirect !== code.redirectUri
      : redirect !== undefined && !redirectAllowed(app.redirectUrls, redirect)
  ) {
    throw new ApiError("bad_redirect_uri");
  }
  const installer = world.user(code.userId);
  const enterpriseId = world.workspace(installer.teamId).enterpriseId;
  const orgInstalled = [...world.grants.values()].some(
    (g) =>
      g.appId === app.id &&
      g.kind === "bot" &&
      g.active &&
      g.isEnterpriseInstall &&
      g.enterpriseId === enterpriseId,
  );
  if (!code.orgWide && code.botScopes.length > 0 && enterpriseId !== null && orgInstalled)
    throw new ApiError("cannot_install_an_org_installed_app");
  code.used = true;

  const target = { appId: app.id, installerUserId: installer.id, orgWide: code.orgWide };
  const authedUser: Record<string, unknown> = { id: installer.id };
  let body: Record<string, unknown> = { app_id: app.id };
  if (code.userScopes.length > 0) {
    const grant = authorizeUser(world, target, code.userScopes);
    const issued = issueToken(world, grant);
    Object.assign(authedUser, {
      scope: grant.scopes.join(","),
      access_token: issued.token,
      token_type: "user",
      ...expiring(issued),
    });
    body = { ...body, ...teamAndEnterprise(world, grant) };
  }
  if (code.botScopes.length > 0) {
    const grant = installBot(world, target, code.botScopes);
    const issued = issueToken(world, grant);
    body = {
      ...body,
      access_token: issued.token,
      token_type: "bot",
      scope: grant.scopes.join(","),
      bot_user_id: grant.userId,
      ...expiring(issued),
      ...teamAndEnterprise(world, grant),
    };
  }
  return { ...body, authed_user: authedUser };
}

function refresh(ctx: MethodContext, app: App, secret: string | undefined): Record<string, unknown> {
  if (secret !== app.clientSecret) throw new ApiError("bad_client_secret");
  const { world } = ctx;
  const record = world.refreshTokens.get(stringArgument(ctx.args, "refresh_token") ?? "");
  const grant = record ? world.grants.get(record.grantId) : undefined;
  if (!record || record.used || !grant || !grant.active || grant.appId !== app.id)
    throw new ApiError("invalid_refresh_token");
  // "The refresh token is then revoked, and a new refresh token is used" (docs.slack.dev, token rotation).
  record.used = true;
  const issued = issueToken(world, grant);
  return {
    app_id: app.id,
    scope: grant.scopes.join(","),
    token_type: grant.kind,
    access_token: issued.token,
    ...expiring(issued),
    ...(grant.kind === "bot" ? { bot_user_id: grant.userId } : { user_id: grant.userId }),
    ...teamAndEnterprise(world, grant),
  };
}

/** oauth.v2.access: the authorization_code grant (optionally with PKCE) and the refresh_token grant. */
export function oauthV2Access(codes: OAuthCodes): MethodDefinition {
  return {
    name: "oauth.v2.access",
    accepts: ["client_credentials"],
    handle(ctx) {
      const { app, secret } = clientApp(ctx);
      const grantType = stringArgument(ctx.args, "grant_type") ?? "authorization_code";
      if (grantType === "authorization_code") return exchangeCode(ctx, codes, app, secret);
      if (grantType === "refresh_token") return refresh(ctx, app, secret);
      throw new ApiError("invalid_grant_type");
    },
  };
}
