import { graphResources, type EmulatorCore } from "../core.ts";
import type { AppRegistration, DirectoryUser } from "../directory/directory.ts";
import { EntraError } from "./entra-errors.ts";
import { groupClaims } from "./group-claims.ts";
import { idTokenClaims } from "./id-token-claims.ts";
import { includesIgnoringCase, normaliseResource, parseDelegatedScopes } from "./scopes.ts";
import { clientInfo } from "./token-issuer.ts";

export interface DelegatedTokenResponse {
  token_type: "Bearer";
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  scope: string;
  refresh_token?: string;
  id_token?: string;
  client_info: string;
}

function consentRequired(app: AppRegistration, permission: string): EntraError {
  return new EntraError(
    "invalid_grant",
    65001,
    `The user or administrator has not consented to use the application with ID '${app.clientId}' named '${app.displayName}' for '${permission}'. Send an interactive authorization request for this user and resource.`,
    400,
    "consent_required",
  );
}

/** Which Graph permissions a delegated request gets, and whether it may have a refresh token; throws when not consented. */
export function resolveDelegatedScopes(core: EmulatorCore, app: AppRegistration, requested: string[]) {
  const parsed = parseDelegatedScopes(requested, graphResources(core));
  if (parsed.foreignResource !== undefined) {
    throw new EntraError(
      "invalid_resource",
      500011,
      `The resource principal named ${parsed.foreignResource} was not found in the tenant.`,
    );
  }
  const consentedGraph = app.delegatedScopes.filter(
    (s) => !includesIgnoringCase(["openid", "profile", "email", "offline_access"], s),
  );
  const permissions = [...new Set([...parsed.permissions, ...(parsed.wantsDefault ? consentedGraph : [])])];
  for (const permission of permissions)
    if (!includesIgnoringCase(app.delegatedScopes, permission)) throw consentRequired(app, permission);
  const offline = parsed.oidc.includes("offline_access");
  if (offline && !includesIgnoringCase(app.delegatedScopes, "offline_access"))
    throw consentRequired(app, "offline_access");
  const qualified = requested.find((s) => s.includes("://"));
  const resource =
    qualified === undefined ? undefined : normaliseResource(qualified.slice(0, qualified.lastIndexOf("/")));
  const spelled = parsed.wantsDefault && parsed.permissions.length === 0 ? consentedGraph : parsed.spelled;
  return {
    permissions,
    offline,
    openid: parsed.oidc.includes("openid"),
    spelled,
    oidc: parsed.oidc,
    resource,
  };
}

/**
 * Issues the delegated token response (reference §6.2): access token with `scp` and `oid`, `refresh_token` only with
 * `offline_access`, `id_token` only with `openid` (claims by the OpenID scopes and the app's `groupMembershipClaims`,
 * see id-token-claims.ts), `client_info` always (msal sends `client_info=1`). The access token is for Microsoft Graph,
 * a first-party resource whose claims the client app cannot configure, so it never carries `groups`.
 */
export async function issueDelegatedTokens(
  core: EmulatorCore,
  input: {
    origin: string;
    app: AppRegistration;
    user: DirectoryUser;
    requested: string[];
    nonce?: string;
    alwaysRefresh?: boolean;
  },
): Promise<DelegatedTokenResponse> {
  const { app, user, origin } = input;
  const scopes = resolveDelegatedScopes(core, app, input.requested);
  const accessToken = await core.issuer.delegatedToken({
    origin,
    audience: scopes.resource ?? origin.toLowerCase(),
    app,
    user,
    scopes: scopes.permissions,
  });
  const lifetime = core.issuer.lifetimeSeconds;
  const response: DelegatedTokenResponse = {
    token_type: "Bearer",
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: accessToken,
    scope: [...scopes.spelled, ...scopes.oidc.filter((s) => s !== "offline_access")].join(" "),
    client_info: clientInfo(user),
  };
  if (scopes.offline || input.alwaysRefresh) {
    response.refresh_token = core.grants.issueRefreshToken({
      clientId: app.clientId,
      tenantId: user.tenantId,
      userId: user.id,
      permissions: scopes.permissions,
    });
  }
  if (scopes.openid) {
    response.id_token = await core.issuer.idToken(
      idTokenClaims({
        origin,
        app,
        user,
        oidcScopes: scopes.oidc,
        groups: groupClaims(core.directory, app, user, origin),
        ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
      }),
    );
  }
  return response;
}
