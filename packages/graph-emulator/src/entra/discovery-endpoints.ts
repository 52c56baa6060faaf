import express from "express";
import type { EmulatorCore } from "../core.ts";
import { originOf } from "../http-context.ts";

/**
 * Metadata msal may fetch (reference §6.3): instance discovery (skipped when `knownAuthorities` names this host), the
 * tenant's OpenID configuration (needs authorization_endpoint, token_endpoint, issuer, jwks_uri) and the JWKS.
 */
export function discoveryEndpoints(core: EmulatorCore) {
  const router = express.Router();

  router.get("/common/discovery/instance", (req, res) => {
    const origin = originOf(req);
    const host = new URL(origin).host;
    const aliases = [...new Set([host, ...core.origins().map((o) => new URL(o).host)])];
    res.json({
      tenant_discovery_endpoint: `${origin}/{tenant}/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases }],
    });
  });

  router.get("/:tenant/v2.0/.well-known/openid-configuration", (req, res) => {
    const segment = String(req.params.tenant);
    const multi = ["common", "organizations", "consumers"].includes(segment.toLowerCase());
    const tenant = multi ? undefined : core.directory.findTenant(segment);
    if (!multi && !tenant) {
      res
        .status(400)
        .json({ error: "invalid_tenant", error_description: `AADSTS90002: Tenant '${segment}' not found.` });
      return;
    }
    const origin = originOf(req);
    const host = new URL(origin).host;
    res.json({
      token_endpoint: `${origin}/${segment}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      jwks_uri: `${origin}/${segment}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: `${origin}/${tenant ? tenant.id : "{tenantid}"}/v2.0`,
      request_uri_parameter_supported: false,
      authorization_endpoint: `${origin}/${segment}/oauth2/v2.0/authorize`,
      claims_supported: [
        "sub",
        "iss",
        "aud",
        "exp",
        "iat",
        "auth_time",
        "nonce",
        "preferred_username",
        "name",
        "tid",
        "ver",
        "oid",
        "email",
      ],
      tenant_region_scope: null,
      cloud_instance_name: host,
      msgraph_host: host,
    });
  });

  router.get(["/:tenant/discovery/v2.0/keys", "/common/discovery/keys"], (_req, res) => {
    res.json(core.keys.jwks);
  });

  return router;
}
