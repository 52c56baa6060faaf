/** Every place where the emulator departs from the 2021 spec, and why. The ADR lists the same ids. */
export interface SpecDeviation {
  id: string;
  what: string;
  why: string;
}

export const SPEC_DEVIATIONS: readonly SpecDeviation[] = [
  {
    id: "tuple-items-as-any-of",
    what: "`items: [A, B]` on non-array schemas (objs_user, tz, bot_id, objs_response_metadata) is read as `anyOf: [A, B]`.",
    why: "The spec generator's way of writing 'A or B'; read literally it validates nothing.",
  },
  {
    id: "profile-huddle-fields",
    what: "objs_user_profile gains huddle_state, huddle_state_expiration_ts, huddle_state_call_id, status_emoji_display_info.",
    why: "Current profiles carry them (users.profile.get example, user_huddle_changed, @slack/web-api Profile type).",
  },
  {
    id: "error-codes",
    what: "Error responses accept the documented common errors and each method's current error list, plus needed/provided/warning/response_metadata.",
    why: "The 2021 enums predate token_expired, missing_scope, not_allowed_token_type, ratelimited, too_long, must_clear_both_…, snooze_not_active and others.",
  },
  {
    id: "dnd-snooze-is-indefinite",
    what: "dnd.info and dnd.setSnooze responses may carry snooze_is_indefinite.",
    why: "Shown in the current dnd.info and dnd.setSnooze examples.",
  },
  {
    id: "auth-test-fields",
    what: "auth.test may carry enterprise_id and expires_in; team_id may be an enterprise id for org-wide tokens.",
    why: "@slack/web-api AuthTestResponse lists them; org-wide installs have no single workspace.",
  },
  {
    id: "json-arguments",
    what: "profile, view, blocks and attachments may arrive as JSON objects/arrays (JSON bodies) as well as JSON strings (forms).",
    why: "The spec types them as strings because forms carry JSON text; JSON bodies carry the object itself.",
  },
  {
    id: "oauth-v2-access-shape",
    what: "oauth.v2.access gains its real arguments (grant_type, refresh_token, code_verifier; code optional) and a strict success schema.",
    why: "The 2021 spec only has the authorization_code grant and an open success schema; shapes from docs.slack.dev examples.",
  },
  {
    id: "apps-connections-open",
    what: "apps.connections.open is added (no arguments; success {ok, url}).",
    why: "Socket Mode is newer than the 2021 spec.",
  },
  {
    id: "openid-connect-methods",
    what: "openid.connect.token (client credentials; code or refresh_token grant; success {ok, access_token, token_type: Bearer, id_token, refresh_token?, expires_in?}) and openid.connect.userInfo (user token with `openid`; the OpenID claims) are added.",
    why: "Sign in with Slack is not in the 2021 spec; shapes from docs.slack.dev/reference/methods/openid.connect.token, …/openid.connect.userInfo and @slack/web-api's OpenIDConnect*Response types.",
  },
  {
    id: "views-publish-view",
    what: "views.publish success responses are checked for a home view object.",
    why: "The 2021 spec leaves the success schema open.",
  },
  {
    id: "chat-write-scope",
    what: "chat.postMessage requires the granular `chat:write` scope.",
    why: "The spec names the classic chat:write:bot / chat:write:user scopes, which granular apps cannot request.",
  },
  {
    id: "event-wrapper-authorizations",
    what: "The event envelope requires `authorizations` (one item) instead of `authed_users`, and adds event_context, is_ext_shared_channel, context_team_id, context_enterprise_id.",
    why: "Slack replaced authed_users/authed_teams with authorizations in 2021 (docs.slack.dev Events API).",
  },
  {
    id: "event-payload-schemas",
    what: "Inner event schemas for user_change, user_status_changed, user_huddle_changed, dnd_updated, dnd_updated_user, tokens_revoked, app_uninstalled, app_home_opened, and the app_rate_limited callback.",
    why: "The AsyncAPI spec only has the generic wrapper; shapes from the docs' event pages and @slack/types.",
  },
  {
    id: "newer-events",
    what: "user_status_changed, user_huddle_changed (scope users:read) and app_home_opened (no scope, bot) are added to the event catalogue.",
    why: "They are newer than the 2021 AsyncAPI spec.",
  },
];
