/**
 * `/.well-known/openid-configuration` as Slack publishes it (https://slack.com/.well-known/openid-configuration),
 * with the endpoints on the emulator. Slack lists only the authorization_code grant here, although
 * openid.connect.token also documents `grant_type=refresh_token`.
 */
export function openIdConfiguration(baseUrl: string, issuer: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${baseUrl}/openid/connect/authorize`,
    token_endpoint: `${baseUrl}/api/openid.connect.token`,
    userinfo_endpoint: `${baseUrl}/api/openid.connect.userInfo`,
    jwks_uri: `${baseUrl}/openid/connect/keys`,
    scopes_supported: ["openid", "profile", "email"],
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    claims_supported: ["sub", "auth_time", "iss"],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: true,
    token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
  };
}
