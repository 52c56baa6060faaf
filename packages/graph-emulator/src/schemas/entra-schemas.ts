import { z } from "zod";

/** Token request form (reference §6.1 client credentials, §6.2 authorization code and refresh). */
export const tokenRequestSchema = z.object({
  grant_type: z.string().min(1),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  client_assertion_type: z.string().optional(),
  client_assertion: z.string().optional(),
  scope: z.string().optional(),
  code: z.string().optional(),
  redirect_uri: z.string().optional(),
  code_verifier: z.string().optional(),
  refresh_token: z.string().optional(),
});

/** Authorize query (reference §6.2). */
export const authorizeRequestSchema = z.object({
  client_id: z.string().min(1),
  response_type: z.literal("code"),
  redirect_uri: z.string().url(),
  scope: z.string().min(1),
  state: z.string().optional(),
  response_mode: z.enum(["query", "fragment", "form_post"]).optional(),
  code_challenge: z.string().optional(),
  code_challenge_method: z.enum(["S256", "plain"]).optional(),
  login_hint: z.string().optional(),
  prompt: z.string().optional(),
  nonce: z.string().optional(),
});

/** Client-credentials success (reference §6.1; `ext_expires_in` as the live service sends). */
export const appTokenResponseSchema = z
  .object({
    token_type: z.literal("Bearer"),
    expires_in: z.number().int().positive(),
    ext_expires_in: z.number().int().positive(),
    access_token: z.string().min(1),
  })
  .strict();

/** Authorization-code / refresh success (reference §6.2). */
export const delegatedTokenResponseSchema = z
  .object({
    token_type: z.literal("Bearer"),
    expires_in: z.number().int().positive(),
    ext_expires_in: z.number().int().positive(),
    access_token: z.string().min(1),
    scope: z.string(),
    refresh_token: z.string().min(1).optional(),
    id_token: z.string().min(1).optional(),
    client_info: z.string().min(1),
  })
  .strict();

/** Token endpoint error (reference §6.1). */
export const entraErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().regex(/^AADSTS\d+: /),
  error_codes: z.array(z.number().int()),
  timestamp: z.string(),
  trace_id: z.string(),
  correlation_id: z.string(),
  suberror: z.string().optional(),
});

/** What msal requires of an OpenID configuration (reference §6.3 item 2). */
export const openIdConfigurationSchema = z.object({
  authorization_endpoint: z.string().url(),
  token_endpoint: z.string().url(),
  issuer: z.string(),
  jwks_uri: z.string().url(),
});

/** Instance discovery response (reference §6.3 item 1). */
export const instanceDiscoverySchema = z.object({
  tenant_discovery_endpoint: z.string().url(),
  "api-version": z.literal("1.1"),
  metadata: z.array(
    z.object({ preferred_network: z.string(), preferred_cache: z.string(), aliases: z.array(z.string()) }),
  ),
});
