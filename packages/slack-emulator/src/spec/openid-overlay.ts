import type { JsonSchema, WebApiSpec } from "./load-spec.ts";

/*
 * Deviation "openid-connect-methods": Sign in with Slack's two Web API methods, absent from the 2021 spec.
 * Arguments, scopes and response fields from docs.slack.dev/reference/methods/openid.connect.token and
 * docs.slack.dev/reference/methods/openid.connect.userInfo (also api.slack.com/authentication/sign-in-with-slack),
 * cross-checked with @slack/web-api's OpenIDConnectTokenResponse / OpenIDConnectUserInfoResponse types.
 */

const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });
const slack = (claim: string): string => `https://slack.com/${claim}`;
const text: JsonSchema = { type: "string" };
const url: JsonSchema = { type: "string", format: "uri" };
const USER_IMAGE_SIZES = [24, 32, 48, 72, 192, 512, 1024];
const TEAM_IMAGE_SIZES = [34, 44, 68, 88, 102, 132, 230];

const OPENID_CONNECT_TOKEN_OK: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["ok", "access_token", "token_type", "id_token"],
  properties: {
    ok: ref("defs_ok_true"),
    access_token: { type: "string", pattern: "^(xoxe\\.)?xoxp-" },
    token_type: { const: "Bearer" },
    id_token: { type: "string", pattern: "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$" },
    refresh_token: text,
    expires_in: { type: "integer" },
  },
};

const OPENID_CONNECT_USER_INFO_OK: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["ok", "sub", slack("user_id"), slack("team_id")],
  properties: {
    ok: ref("defs_ok_true"),
    sub: ref("defs_user_id"),
    [slack("user_id")]: ref("defs_user_id"),
    [slack("team_id")]: ref("defs_team"),
    [slack("enterprise_id")]: ref("defs_enterprise_id"),
    email: { type: "string", format: "email" },
    email_verified: { type: "boolean" },
    date_email_verified: { type: "integer" },
    name: text,
    picture: url,
    given_name: text,
    family_name: text,
    locale: text,
    [slack("team_name")]: text,
    [slack("team_domain")]: text,
    [slack("enterprise_name")]: text,
    [slack("enterprise_domain")]: text,
    ...Object.fromEntries(USER_IMAGE_SIZES.map((size) => [slack(`user_image_${size}`), url])),
    ...Object.fromEntries(TEAM_IMAGE_SIZES.map((size) => [slack(`team_image_${size}`), url])),
    [slack("team_image_default")]: { type: "boolean" },
  },
};

const formString = (name: string) => ({ in: "formData", name, type: "string" });

/** Adds openid.connect.token and openid.connect.userInfo (their error schemas come from the error-codes overlay). */
export function addOpenIdMethods(spec: WebApiSpec): void {
  spec.paths["/openid.connect.token"] = {
    post: {
      // All optional, as documented; the client may authenticate with HTTP Basic instead.
      parameters: ["client_id", "client_secret", "code", "redirect_uri", "grant_type", "refresh_token"].map(
        formString,
      ),
      responses: { "200": { schema: OPENID_CONNECT_TOKEN_OK }, default: { schema: {} } },
    },
  };
  spec.paths["/openid.connect.userInfo"] = {
    post: {
      parameters: [],
      security: [{ slackAuth: ["openid"] }],
      responses: { "200": { schema: OPENID_CONNECT_USER_INFO_OK }, default: { schema: {} } },
    },
  };
}
