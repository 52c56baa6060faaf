import { createHash } from "node:crypto";
import express, { type Request, type Response } from "express";
import { graphResources, type EmulatorCore } from "../core.ts";
import type { Tenant } from "../directory/directory.ts";
import type { ActiveFault } from "../faults.ts";
import { logFacts, originOf } from "../http-context.ts";
import { tokenRequestSchema } from "../schemas/entra-schemas.ts";
import { authenticateClient, findApp, readClientCredentials } from "./client-authentication.ts";
import { issueDelegatedTokens } from "./delegated-grant.ts";
import { EntraError, sendEntraError, userDisabledError } from "./entra-errors.ts";
import { appOnlyResource, normaliseResource, splitScopes } from "./scopes.ts";

const MULTI_TENANT = new Set(["common", "organizations", "consumers"]);

function faultAnswer(res: Response, fault: ActiveFault): void {
  const transient = fault.status === 429 || fault.status >= 500;
  sendEntraError(res, {
    status: fault.status,
    error: fault.code ?? (transient ? "temporarily_unavailable" : "invalid_request"),
    code: fault.status === 429 ? 50196 : transient ? 90033 : 90000,
    message:
      fault.message ??
      (transient ? "A transient error has occurred. Please try again." : "Injected failure."),
    retryAfterS: fault.retryAfterS ?? 1,
  });
}

/** The audiences a client assertion may name: this token endpoint, however the tenant and host were spelled. */
function tokenEndpointUrls(core: EmulatorCore, segment: string, tenant: Tenant): string[] {
  const segments = new Set([segment, tenant.id, tenant.domain]);
  return core.origins().flatMap((origin) => [...segments].map((s) => `${origin}/${s}/oauth2/v2.0/token`));
}

async function clientCredentialsGrant(core: EmulatorCore, req: Request, tenant: Tenant, segment: string) {
  const form = tokenRequestSchema.parse(req.body);
  const credentials = readClientCredentials(form, req.header("authorization"));
  const app = findApp(core.directory, tenant, credentials.clientId);
  await authenticateClient(app, credentials, tokenEndpointUrls(core, segment, tenant));
  const resource = appOnlyResource(splitScopes(form.scope));
  if (resource === undefined || !graphResources(core).has(normaliseResource(resource))) {
    throw new EntraError(
      "invalid_scope",
      resource === undefined ? 1002012 : 500011,
      resource === undefined
        ? `The provided value for scope ${form.scope ?? ""} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`
        : `The resource principal named ${resource} was not found in the tenant named ${tenant.displayName}.`,
    );
  }
  const lifetime = core.issuer.lifetimeSeconds;
  return {
    appId: app.clientId,
    body: {
      token_type: "Bearer" as const,
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: await core.issuer.appToken({
        origin: originOf(req),
        audience: normaliseResource(resource),
        app,
      }),
    },
  };
}

function pkceMatches(verifier: string, challenge: string, method: "S256" | "plain"): boolean {
  const derived = method === "plain" ? verifier : createHash("sha256").update(verifier).digest("base64url");
  return derived === challenge;
}

async function authorizationCodeGrant(
  core: EmulatorCore,
  req: Request,
  tenant: Tenant | undefined,
  segment: string,
) {
  const form = tokenRequestSchema.parse(req.body);
  const code = form.code === undefined ? undefined : core.grants.redeemCode(form.code);
  if (!code)
    throw new EntraError(
      "invalid_grant",
      70008,
      "The provided authorization code or refresh token has expired due to inactivity, or was already redeemed.",
    );
  const home = core.directory.requireTenant(code.tenantId);
  if (tenant && tenant.id !== home.id)
    throw new EntraError("invalid_grant", 50148, "The authorization code was issued for another tenant.");
  const credentials = readClientCredentials(form, req.header("authorization"));
  const app = findApp(core.directory, home, credentials.clientId);
  if (app.clientId !== code.clientId)
    throw new EntraError("invalid_grant", 70002, "The authorization code was issued to another client.");
  await authenticateClient(app, credentials, tokenEndpointUrls(core, segment, home));
  if (form.redirect_uri !== code.redirectUri) {
    throw new EntraError(
      "invalid_grant",
      500117,
      "The reply uri specified in the request does not match the reply uri used in the authorization request.",
    );
  }
  if (code.codeChallenge !== undefined) {
    if (
      form.code_verifier === undefined ||
      !pkceMatches(form.code_verifier, code.codeChallenge, code.codeChallengeMethod ?? "plain")
    ) {
      throw new EntraError(
        "invalid_grant",
        501481,
        "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
      );
    }
  }
  const user = core.directory.requireUser(code.userId);
  // Disabled between the sign-in and the redemption.
  if (!user.accountEnabled) throw userDisabledError();
  const requested = form.scope === undefined ? code.scopes : splitScopes(form.scope);
  const body = await issueDelegatedTokens(core, {
    origin: originOf(req),
    app,
    user,
    requested,
    ...(code.nonce === undefined ? {} : { nonce: code.nonce }),
  });
  return { appId: app.clientId, userId: user.id, body };
}

async function refreshTokenGrant(
  core: EmulatorCore,
  req: Request,
  tenant: Tenant | undefined,
  segment: string,
) {
  const form = tokenRequestSchema.parse(req.body);
  const grant =
    form.refresh_token === undefined ? undefined : core.grants.findRefreshToken(form.refresh_token);
  if (!grant) {
    throw new EntraError(
      "invalid_grant",
      70000,
      "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.",
      400,
      "bad_token",
    );
  }
  const home = core.directory.requireTenant(grant.tenantId);
  if (tenant && tenant.id !== home.id)
    throw new EntraError("invalid_grant", 9002313, "The refresh token was issued for another tenant.");
  const credentials = readClientCredentials(form, req.header("authorization"));
  const app = findApp(core.directory, home, credentials.clientId);
  if (app.clientId !== grant.clientId)
    throw new EntraError("invalid_grant", 70000, "The refresh token was issued to another client.");
  await authenticateClient(app, credentials, tokenEndpointUrls(core, segment, home));
  const user = core.directory.userById(grant.userId);
  if (!user || !user.accountEnabled) throw userDisabledError();
  const requested =
    form.scope === undefined ? [...grant.permissions, "offline_access"] : splitScopes(form.scope);
  const body = await issueDelegatedTokens(core, {
    origin: originOf(req),
    app,
    user,
    requested,
    alwaysRefresh: true,
  });
  return { appId: app.clientId, userId: user.id, body };
}

/** `POST /{tenant}/oauth2/v2.0/token` (reference §6.1, §6.2, §9). */
export function tokenEndpoint(core: EmulatorCore) {
  const router = express.Router();
  router.post(
    "/:tenant/oauth2/v2.0/token",
    express.urlencoded({ extended: false, limit: "64kb" }),
    async (req, res) => {
      const segment = String(req.params.tenant);
      const facts = logFacts(res);
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (typeof body.client_id === "string") facts.appId = body.client_id;
      const fault = core.faults.take("token");
      if (fault) {
        facts.fault = true;
        faultAnswer(res, fault);
        return;
      }
      try {
        const parsed = tokenRequestSchema.safeParse(body);
        if (!parsed.success)
          throw new EntraError(
            "invalid_request",
            900144,
            "The request body must contain the following parameter: 'grant_type'.",
          );
        const tenant = MULTI_TENANT.has(segment.toLowerCase())
          ? undefined
          : core.directory.findTenant(segment);
        if (!tenant && !MULTI_TENANT.has(segment.toLowerCase())) {
          throw new EntraError(
            "invalid_request",
            90002,
            `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
          );
        }
        let result: { appId: string; userId?: string; body: object };
        switch (parsed.data.grant_type) {
          case "client_credentials":
            if (!tenant)
              throw new EntraError(
                "invalid_request",
                700016,
                `Client credentials need a tenant-specific authority, not '${segment}'.`,
              );
            result = await clientCredentialsGrant(core, req, tenant, segment);
            break;
          case "authorization_code":
            result = await authorizationCodeGrant(core, req, tenant, segment);
            break;
          case "refresh_token":
            result = await refreshTokenGrant(core, req, tenant, segment);
            break;
          default:
            throw new EntraError(
              "unsupported_grant_type",
              70003,
              `The app requested an unsupported grant type '${parsed.data.grant_type}'.`,
            );
        }
        facts.appId = result.appId;
        if (result.userId) facts.userId = result.userId;
        res.setHeader("Cache-Control", "no-store, no-cache");
        res.status(200).json(result.body);
      } catch (error) {
        if (!(error instanceof EntraError)) throw error;
        sendEntraError(res, {
          status: error.status,
          error: error.error,
          code: error.code,
          message: error.message,
          ...(error.suberror ? { suberror: error.suberror } : {}),
        });
      }
    },
  );
  return router;
}
