import type { InstalledApp } from "../control/setup-operations.ts";
import type { SlackEmulator } from "../start-slack-emulator.ts";
import type { App, Role, User, Workspace } from "../world/types.ts";

/** The scopes the presence bridge asks for (DESIGN §4). */
export const BRIDGE_BOT_SCOPES = ["users:read", "users:read.email", "commands", "chat:write"];
export const BRIDGE_USER_SCOPES = [
  "users.profile:read",
  "users.profile:write",
  "users:read",
  "users:write",
  "dnd:read",
  "dnd:write",
];
export const BRIDGE_BOT_EVENTS = [
  "user_change",
  "user_status_changed",
  "user_huddle_changed",
  "app_home_opened",
  "tokens_revoked",
  "app_uninstalled",
];
export const BRIDGE_USER_EVENTS = ["dnd_updated"];

export interface SeedOptions {
  people?: { name: string; role?: Role; realName?: string }[];
  app?: Parameters<SlackEmulator["control"]["createApp"]>[0];
  workspace?: Parameters<SlackEmulator["control"]["createWorkspace"]>[0];
  /** Connect every person's user token (default true). */
  connectPeople?: boolean;
}

export interface SeededWorkspace {
  workspace: Workspace;
  app: App;
  appToken: string;
  people: User[];
  install: InstalledApp;
  /** user id → that person's user token */
  userTokens: Map<string, string>;
}

/**
 * A workspace with people, the bridge app (bridge scopes and events), installed by the first person
 * (an owner unless given), every person connected with a user token.
 */
export function seedWorkspace(emulator: SlackEmulator, options: SeedOptions = {}): SeededWorkspace {
  const { control } = emulator;
  const workspace = control.createWorkspace(options.workspace ?? {});
  const people = (
    options.people ?? [{ name: "ada", role: "owner" }, { name: "grace" }, { name: "linus" }]
  ).map((p) =>
    control.createUser({
      teamId: workspace.id,
      name: p.name,
      realName: p.realName ?? p.name,
      role: p.role ?? "member",
    }),
  );
  const installer = people[0];
  if (!installer) throw new Error("seedWorkspace needs at least one person");
  const { app, appToken } = control.createApp({
    botEvents: BRIDGE_BOT_EVENTS,
    userEvents: BRIDGE_USER_EVENTS,
    ...options.app,
  });
  const install = control.installApp({
    appId: app.id,
    installerUserId: installer.id,
    botScopes: BRIDGE_BOT_SCOPES,
    userScopes: BRIDGE_USER_SCOPES,
  });
  const userTokens = new Map<string, string>();
  if (install.user) userTokens.set(installer.id, install.user.token);
  if (options.connectPeople !== false) {
    for (const person of people.slice(1)) {
      userTokens.set(
        person.id,
        control.authorizeUser({ appId: app.id, userId: person.id, userScopes: BRIDGE_USER_SCOPES }).token,
      );
    }
  }
  return { workspace, app, appToken, people, install, userTokens };
}
