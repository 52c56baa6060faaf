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

/** Events the app subscribes to (manifest): bot events, and user events received through people's grants. */
export const BOT_EVENTS = [
  "app_home_opened",
  "app_uninstalled",
  "tokens_revoked",
  "user_change",
  "user_huddle_changed",
  "user_status_changed",
];
export const USER_EVENTS = ["dnd_updated"];
