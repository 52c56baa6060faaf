// What the Slack app asks for (apps/slack-bridge/slack-app-manifest.json; its test keeps the two equal).
// Here in the core so the Slack bridge (OAuth) and the admin app (`presence doctor`) share one list.

/** Bot scopes: read people and their e-mail (events, directory), the /presence command. App Home needs none. */
export const BOT_SCOPES = ["users:read", "users:read.email", "commands"];

/** User scopes each person grants: read and write their status, presence and DND. */
export const USER_SCOPES = [
  "users.profile:read",
  "users.profile:write",
  "users:write",
  "dnd:read",
  "dnd:write",
];

/**
 * "Sign in with Slack" (OpenID Connect) for the admin UI and the self-service page: asked for only by
 * that sign-in (apps/admin), declared in the manifest with the user scopes.
 */
export const SIGN_IN_SCOPES = ["openid", "email", "profile"];

/**
 * Events the app subscribes to (manifest): bot events, and user events received through people's grants.
 * `user_change` alone carries status and huddle changes: Slack sends `user_status_changed` and
 * `user_huddle_changed` with the same body at the same time as it, so subscribing to them too would only
 * double the events (and count twice towards Slack's 30,000 events an hour per workspace).
 */
export const BOT_EVENTS = ["app_home_opened", "app_uninstalled", "tokens_revoked", "user_change"];
export const USER_EVENTS = ["dnd_updated"];
