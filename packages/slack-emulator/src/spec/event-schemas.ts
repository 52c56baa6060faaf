import type { EventsSpec, JsonSchema } from "./load-spec.ts";

const web = (name: string): JsonSchema => ({ $ref: `slack-web#/definitions/${name}` });
const str = { type: "string" };
const int = { type: "integer" };

/** The wrapper with `authorizations` instead of `authed_users` (deviation "event-wrapper-authorizations"). */
export function eventWrapperSchema(spec: EventsSpec): JsonSchema {
  const wrapper = structuredClone(spec.components.schemas.GenericEventWrapper);
  if (!wrapper) throw new Error("the events spec subset has no GenericEventWrapper");
  const required = (wrapper.required as string[]).filter((name) => name !== "authed_users");
  wrapper.required = [...required, "authorizations"];
  wrapper.properties = {
    ...(wrapper.properties as Record<string, JsonSchema>),
    type: { const: "event_callback" },
    authorizations: {
      type: "array",
      minItems: 1,
      maxItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["enterprise_id", "team_id", "user_id", "is_bot", "is_enterprise_install"],
        properties: {
          enterprise_id: { type: ["string", "null"] },
          team_id: { type: ["string", "null"] },
          user_id: str,
          is_bot: { type: "boolean" },
          is_enterprise_install: { type: "boolean" },
        },
      },
    },
    event_context: str,
    is_ext_shared_channel: { type: "boolean" },
    context_team_id: { type: ["string", "null"] },
    context_enterprise_id: { type: ["string", "null"] },
  };
  return wrapper;
}

const userEvent = (type: string): JsonSchema => ({
  type: "object",
  additionalProperties: false,
  required: ["type", "user", "cache_ts", "event_ts"],
  properties: { type: { const: type }, user: web("objs_user"), cache_ts: int, event_ts: str },
});

const dndStatusBase = { dnd_enabled: { type: "boolean" }, next_dnd_start_ts: int, next_dnd_end_ts: int };

/** Inner `event` objects (deviation "event-payload-schemas"), from the docs' event pages and @slack/types. */
export const EVENT_SCHEMAS: Record<string, JsonSchema> = {
  user_change: userEvent("user_change"),
  user_status_changed: userEvent("user_status_changed"),
  user_huddle_changed: userEvent("user_huddle_changed"),
  dnd_updated: {
    type: "object",
    additionalProperties: false,
    required: ["type", "user", "dnd_status", "event_ts"],
    properties: {
      type: { const: "dnd_updated" },
      user: web("defs_user_id"),
      event_ts: str,
      dnd_status: {
        type: "object",
        additionalProperties: false,
        required: ["dnd_enabled", "next_dnd_start_ts", "next_dnd_end_ts", "snooze_enabled"],
        properties: {
          ...dndStatusBase,
          snooze_enabled: { type: "boolean" },
          snooze_endtime: int,
          snooze_remaining: int,
        },
      },
    },
  },
  dnd_updated_user: {
    type: "object",
    additionalProperties: false,
    required: ["type", "user", "dnd_status", "event_ts"],
    properties: {
      type: { const: "dnd_updated_user" },
      user: web("defs_user_id"),
      event_ts: str,
      dnd_status: {
        type: "object",
        additionalProperties: false,
        required: ["dnd_enabled", "next_dnd_start_ts", "next_dnd_end_ts"],
        properties: dndStatusBase,
      },
    },
  },
  tokens_revoked: {
    type: "object",
    additionalProperties: false,
    required: ["type", "tokens", "event_ts"],
    properties: {
      type: { const: "tokens_revoked" },
      event_ts: str,
      tokens: {
        type: "object",
        additionalProperties: false,
        properties: {
          oauth: { type: "array", items: web("defs_user_id") },
          bot: { type: "array", items: web("defs_user_id") },
        },
      },
    },
  },
  app_uninstalled: {
    type: "object",
    additionalProperties: false,
    required: ["type", "event_ts"],
    properties: { type: { const: "app_uninstalled" }, event_ts: str },
  },
  app_home_opened: {
    type: "object",
    additionalProperties: false,
    required: ["type", "user", "channel", "tab", "event_ts"],
    properties: {
      type: { const: "app_home_opened" },
      user: web("defs_user_id"),
      channel: web("defs_channel"),
      tab: { enum: ["home", "messages"] },
      event_ts: str,
      view: { type: "object", required: ["id", "type", "app_id"], properties: { type: { const: "home" } } },
    },
  },
};

/** The `app_rate_limited` callback: no inner event (reference §3.2). */
export const APP_RATE_LIMITED_SCHEMA: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["token", "type", "team_id", "minute_rate_limited", "api_app_id"],
  properties: {
    token: str,
    type: { const: "app_rate_limited" },
    team_id: str,
    minute_rate_limited: int,
    api_app_id: str,
  },
};

export const URL_VERIFICATION_SCHEMA: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["token", "challenge", "type"],
  properties: { token: str, challenge: str, type: { const: "url_verification" } },
};
