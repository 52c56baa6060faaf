import { COMMON_ERRORS, METHOD_ERRORS } from "./error-codes.ts";
import type { JsonSchema, WebApiOperation, WebApiSpec } from "./load-spec.ts";
import { addOpenIdMethods } from "./openid-overlay.ts";

/** The JSON-carrying arguments (deviation "json-arguments"). */
export const JSON_ARGUMENTS = new Set(["profile", "view", "blocks", "attachments"]);

const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [{ type: "null" }, schema] });

function errorSchema(method: string, specEnum: string[]): JsonSchema {
  const codes = [...new Set([...specEnum, ...COMMON_ERRORS, ...(METHOD_ERRORS[method] ?? [])])].sort();
  return {
    type: "object",
    additionalProperties: false,
    required: ["ok", "error"],
    properties: {
      ok: ref("defs_ok_false"),
      error: { type: "string", enum: codes },
      needed: { type: "string" },
      provided: { type: "string" },
      warning: { type: "string" },
      callstack: { type: "string" },
      response_metadata: {
        type: "object",
        additionalProperties: false,
        properties: {
          messages: { type: "array", items: { type: "string" } },
          warnings: { type: "array", items: { type: "string" } },
        },
      },
    },
  };
}

function specErrorEnum(operation: WebApiOperation): string[] {
  const properties = operation.responses.default.schema.properties as Record<string, JsonSchema> | undefined;
  const codes = properties?.error?.enum;
  return Array.isArray(codes) ? codes.filter((code): code is string => typeof code === "string") : [];
}

function successProperties(spec: WebApiSpec, method: string): Record<string, JsonSchema> {
  const operation = operationIn(spec, method);
  return operation.responses["200"].schema.properties as Record<string, JsonSchema>;
}

function operationIn(spec: WebApiSpec, method: string): WebApiOperation {
  const path = spec.paths[`/${method}`];
  const operation = path ? Object.values(path)[0] : undefined;
  if (!operation) throw new Error(`the spec subset has no ${method}`);
  return operation;
}

const tokenIssue = {
  access_token: { type: "string" },
  token_type: { enum: ["bot", "user"] },
  scope: { type: "string" },
  expires_in: { type: "integer" },
  refresh_token: { type: "string" },
};

const teamRef: JsonSchema = nullable({
  type: "object",
  additionalProperties: false,
  required: ["id"],
  properties: { id: { type: "string" }, name: { type: "string" } },
});

/** oauth.v2.access as docs.slack.dev documents it (deviation "oauth-v2-access-shape"). */
const OAUTH_V2_ACCESS_OK: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["ok", "app_id", "team", "enterprise"],
  properties: {
    ok: ref("defs_ok_true"),
    app_id: ref("defs_app_id"),
    ...tokenIssue,
    bot_user_id: ref("defs_user_id"),
    user_id: ref("defs_user_id"),
    team: teamRef,
    enterprise: teamRef,
    is_enterprise_install: { type: "boolean" },
    authed_user: {
      type: "object",
      additionalProperties: false,
      required: ["id"],
      properties: { id: ref("defs_user_id"), ...tokenIssue },
    },
    incoming_webhook: { type: "object" },
  },
};

/** A home view as views.publish returns it (deviation "views-publish-view"). */
const HOME_VIEW: JsonSchema = {
  type: "object",
  required: ["id", "team_id", "type", "blocks", "hash", "app_id", "bot_id"],
  properties: {
    id: { type: "string", pattern: "^V[A-Z0-9]+$" },
    team_id: ref("defs_team"),
    type: { const: "home" },
    blocks: ref("blocks"),
    hash: { type: "string" },
    app_id: ref("defs_app_id"),
    bot_id: ref("defs_bot_id"),
    private_metadata: { type: "string" },
    callback_id: { type: "string" },
    external_id: { type: "string" },
    root_view_id: { type: "string" },
    previous_view_id: { type: ["string", "null"] },
    state: { type: "object" },
    clear_on_close: { type: "boolean" },
    notify_on_close: { type: "boolean" },
  },
};

/** Applies every documented deviation to a copy of the spec subset. */
export function overlayWebApiSpec(original: WebApiSpec): WebApiSpec {
  const spec = structuredClone(original);
  const defs = spec.definitions;

  // profile-huddle-fields
  const profile = defs.objs_user_profile as { properties: Record<string, JsonSchema> };
  Object.assign(profile.properties, {
    huddle_state: { enum: ["default_unset", "in_a_huddle"] },
    huddle_state_expiration_ts: { type: "integer" },
    huddle_state_call_id: { type: "string" },
    status_emoji_display_info: { type: "array", items: { type: "object" } },
  });

  // dnd-snooze-is-indefinite
  for (const method of ["dnd.info", "dnd.setSnooze"])
    successProperties(spec, method).snooze_is_indefinite = { type: "boolean" };

  // auth-test-fields
  const authTest = successProperties(spec, "auth.test");
  authTest.enterprise_id = ref("defs_enterprise_id");
  authTest.expires_in = { type: "integer" };
  authTest.team_id = { type: "string", pattern: "^[TE][A-Z0-9]{2,}$" };

  // oauth-v2-access-shape
  const oauth = operationIn(spec, "oauth.v2.access");
  oauth.parameters = [
    ...oauth.parameters.map((p) => (p.name === "code" ? { ...p, required: false } : p)),
    { in: "formData", name: "grant_type", type: "string" },
    { in: "formData", name: "refresh_token", type: "string" },
    { in: "formData", name: "code_verifier", type: "string" },
  ];
  oauth.responses["200"].schema = OAUTH_V2_ACCESS_OK;

  // apps-connections-open
  spec.paths["/apps.connections.open"] = {
    post: {
      parameters: [],
      security: [{ slackAuth: ["connections:write"] }],
      responses: {
        "200": {
          schema: {
            type: "object",
            additionalProperties: false,
            required: ["ok", "url"],
            properties: { ok: ref("defs_ok_true"), url: { type: "string", pattern: "^wss?://" } },
          },
        },
        default: { schema: {} },
      },
    },
  };

  // views-publish-view
  const views = operationIn(spec, "views.publish").responses["200"].schema;
  views.required = ["ok", "view"];
  views.properties = { ok: ref("defs_ok_true"), view: HOME_VIEW };

  // chat-write-scope
  operationIn(spec, "chat.postMessage").security = [{ slackAuth: ["chat:write"] }];

  // openid-connect-methods
  addOpenIdMethods(spec);

  // error-codes (after every path exists)
  for (const path of Object.keys(spec.paths)) {
    const method = path.slice(1);
    const operation = operationIn(spec, method);
    operation.responses.default.schema = errorSchema(method, specErrorEnum(operation));
  }
  return spec;
}
