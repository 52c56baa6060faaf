import { ApiError } from "../web-api/api-error.ts";
import { stringArgument } from "../web-api/api-request.ts";
import type { MethodContext, MethodDefinition } from "../web-api/method-definition.ts";
import { authorizeUser, issueToken } from "../world/grants.ts";
import type { IssuedToken } from "../world/grants.ts";
import type { App, Grant, User } from "../world/types.ts";
import { clientApp } from "./oauth-v2-access.ts";
import type { OpenIdProvider, OpenIdSession } from "./openid-provider.ts";
import { redirectAllowed } from "./redirect-urls.ts";

/** The person's user authorization for the app (Sign in with Slack adds its scopes to it, keeping org-wide ones org-wide). */
function authorizeSignIn(ctx: MethodContext, app: App, user: User, scopes: string[]): Grant {
  const existing = [...ctx.world.grants.values()].find(
    (g) => g.appId === app.id && g.kind === "user" && g.userId === user.id,
  );
  return authorizeUser(
    ctx.world,
    { appId: app.id, installerUserId: user.id, orgWide: existing?.isEnterpriseInstall ?? false },
    scopes,
  );
}

async function answer(
  ctx: MethodContext,
  provider: OpenIdProvider,
  app: App,
  session: OpenIdSession,
  issued: IssuedToken,
  nonce: string | null,
): Promise<Record<string, unknown>> {
  if (issued.refreshToken !== null) provider.sessions.set(issued.refreshToken, session);
  const id_token = await provider.idToken({
    world: ctx.world,
    app,
    user: ctx.world.user(session.userId),
    scopes: session.scopes,
    accessToken: issued.token,
    authTime: session.authTime,
    nonce,
  });
  return {
    access_token: issued.token,
    token_type: "Bearer",
    id_token,
    ...(issued.refreshToken === null
      ? {}
      : { refresh_token: issued.refreshToken, expires_in: issued.expiresIn }),
  };
}

function exchangeCode(
  ctx: MethodContext,
  provider: OpenIdProvider,
  app: App,
): Promise<Record<string, unknown>> {
  const { world } = ctx;
  const code = provider.codes.redeemable(stringArgument(ctx.args, "code") ?? "", app.id, world.clock.nowMs());
  if (!code) throw new ApiError("invalid_code");
  // "While redirect_uri is optional, it is required if your app passed it to /openid/connect/authorize."
  const redirect = stringArgument(ctx.args, "redirect_uri");
  if (
    code.redirectUri !== null
      ? redirect !== code.redirectUri
      : redirect !== undefined && !redirectAllowed(app.redirectUrls, redirect)
  ) {
    throw new ApiError("bad_redirect_uri");
  }
  code.used = true;
  const user = world.user(code.userId);
  const grant = authorizeSignIn(ctx, app, user, code.scopes);
  const session = { appId: app.id, userId: user.id, scopes: code.scopes, authTime: code.authTime };
  return answer(ctx, provider, app, session, issueToken(world, grant), code.nonce);
}

/** Apps with token rotation renew the access token; the refresh token works once, the new id_token has no nonce. */
function refresh(ctx: MethodContext, provider: OpenIdProvider, app: App): Promise<Record<string, unknown>> {
  const { world } = ctx;
  const value = stringArgument(ctx.args, "refresh_token") ?? "";
  const session = provider.sessions.get(value);
  const record = world.refreshTokens.get(value);
  const grant = record ? world.grants.get(record.grantId) : undefined;
  if (!session || session.appId !== app.id || !record || record.used || !grant || !grant.active)
    throw new ApiError("invalid_refresh_token");
  record.used = true;
  provider.sessions.delete(value);
  return answer(ctx, provider, app, session, issueToken(world, grant), null);
}

/**
 * openid.connect.token (docs.slack.dev/reference/methods/openid.connect.token): exchanges a code from
 * /openid/connect/authorize for a user token (`token_type: "Bearer"`) and a signed id_token; client
 * credentials as arguments or HTTP Basic (`client_secret_post`, `client_secret_basic`).
 */
export function openidConnectToken(provider: OpenIdProvider): MethodDefinition {
  return {
    name: "openid.connect.token",
    accepts: ["client_credentials"],
    handle(ctx) {
      const { app, secret } = clientApp(ctx);
      if (secret !== app.clientSecret) throw new ApiError("bad_client_secret");
      const grantType = stringArgument(ctx.args, "grant_type") ?? "authorization_code";
      if (grantType === "authorization_code") return exchangeCode(ctx, provider, app);
      if (grantType === "refresh_token") return refresh(ctx, provider, app);
      throw new ApiError("invalid_grant_type");
    },
  };
}
