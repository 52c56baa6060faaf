import { EmulatorError } from "../emulator-error.ts";
import { newId, newToken } from "../ids.ts";
import { createUser } from "./setup.ts";
import type { App, Grant, TokenRecord, User } from "./types.ts";
import type { SlackWorld } from "./world.ts";

export interface IssuedToken {
  token: string;
  /** Unix seconds; null for a token that does not expire. */
  expiresAt: number | null;
  /** Seconds until expiry, as `expires_in` reports it; null for a token that does not expire. */
  expiresIn: number | null;
  refreshToken: string | null;
}

/**
 * Hands out an access token for a grant. Without token rotation Slack returns the same token on every
 * re-install; with rotation each exchange yields a fresh expiring token and a fresh single-use refresh token.
 */
export function issueToken(world: SlackWorld, grant: Grant): IssuedToken {
  const app = world.app(grant.appId);
  if (!app.tokenRotation) {
    const existing = [...world.tokens.values()].find((t) => t.grantId === grant.id && !t.revoked);
    if (existing) return { token: existing.value, expiresAt: null, expiresIn: null, refreshToken: null };
  }
  const lifetime = world.settings.tokenLifetimeSeconds;
  const record: TokenRecord = {
    value: grant.kind === "bot" ? newToken.bot(app.tokenRotation) : newToken.user(app.tokenRotation),
    kind: grant.kind,
    appId: app.id,
    grantId: grant.id,
    appScopes: [],
    expiresAt: app.tokenRotation ? world.clock.nowMs() + lifetime * 1000 : null,
    revoked: false,
  };
  world.tokens.set(record.value, record);
  if (!app.tokenRotation)
    return { token: record.value, expiresAt: null, expiresIn: null, refreshToken: null };
  const refresh = newToken.refresh();
  world.refreshTokens.set(refresh, { value: refresh, grantId: grant.id, used: false });
  return {
    token: record.value,
    expiresAt: Math.floor((record.expiresAt ?? 0) / 1000),
    expiresIn: lifetime,
    refreshToken: refresh,
  };
}

export interface InstallTarget {
  appId: string;
  /** The person approving the install; their workspace (or org, for org-wide installs) is the target. */
  installerUserId: string;
  orgWide: boolean;
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

function findGrant(world: SlackWorld, match: (grant: Grant) => boolean): Grant | undefined {
  return [...world.grants.values()].find(match);
}

/** Installs (or re-installs, adding scopes) the bot side of an app for the installer's workspace or org. */
export function installBot(world: SlackWorld, target: InstallTarget, scopes: string[]): Grant {
  const app = world.app(target.appId);
  const installer = world.user(target.installerUserId);
  const workspace = world.workspace(installer.teamId);
  const enterpriseId = workspace.enterpriseId;
  if (target.orgWide && enterpriseId === null)
    throw new EmulatorError("an org-wide install needs an Enterprise Grid workspace");
  const existing = findGrant(
    world,
    (g) =>
      g.appId === app.id &&
      g.kind === "bot" &&
      (target.orgWide ? g.teamId === null && g.enterpriseId === enterpriseId : g.teamId === workspace.id),
  );
  if (existing) {
    existing.scopes = existing.active ? union(existing.scopes, scopes) : [...scopes];
    existing.active = true;
    existing.endedBy = null;
    existing.installerUserId = installer.id;
    const botUser = world.user(existing.userId);
    botUser.deleted = false;
    return existing;
  }
  const botUser = createBotUser(world, app, workspace.id);
  const grant: Grant = {
    id: `G-${newId.requestId()}`,
    kind: "bot",
    appId: app.id,
    teamId: target.orgWide ? null : workspace.id,
    enterpriseId,
    isEnterpriseInstall: target.orgWide,
    userId: botUser.id,
    botId: botUser.botId,
    scopes: [...scopes],
    installerUserId: installer.id,
    active: true,
    endedBy: null,
  };
  world.grants.set(grant.id, grant);
  return grant;
}

function createBotUser(world: SlackWorld, app: App, teamId: string): User {
  const base =
    app.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "") || "bot";
  let name = base;
  for (let n = 2; world.usersOfTeam(teamId).some((u) => u.name === name); n++) name = `${base}${n}`;
  return createUser(world, {
    teamId,
    name,
    realName: app.name,
    isBot: true,
    botId: newId.bot(),
    appId: app.id,
  });
}

/** Records a person's user-token authorization for an app (adding scopes on repeat). */
export function authorizeUser(world: SlackWorld, target: InstallTarget, scopes: string[]): Grant {
  const app = world.app(target.appId);
  const person = world.user(target.installerUserId);
  if (person.isBot) throw new EmulatorError("a bot user cannot authorize an app");
  const workspace = world.workspace(person.teamId);
  const existing = findGrant(world, (g) => g.appId === app.id && g.kind === "user" && g.userId === person.id);
  if (existing) {
    existing.scopes = existing.active ? union(existing.scopes, scopes) : [...scopes];
    existing.active = true;
    existing.endedBy = null;
    existing.isEnterpriseInstall = target.orgWide;
    existing.teamId = target.orgWide ? null : workspace.id;
    return existing;
  }
  const grant: Grant = {
    id: `G-${newId.requestId()}`,
    kind: "user",
    appId: app.id,
    teamId: target.orgWide ? null : workspace.id,
    enterpriseId: workspace.enterpriseId,
    isEnterpriseInstall: target.orgWide,
    userId: person.id,
    botId: null,
    scopes: [...scopes],
    installerUserId: person.id,
    active: true,
    endedBy: null,
  };
  world.grants.set(grant.id, grant);
  return grant;
}

/** The workspace a grant's events and rate limits belong to (the installer's for org-wide grants). */
export function homeTeamOf(world: SlackWorld, grant: Grant): string {
  return grant.teamId ?? world.user(grant.installerUserId ?? grant.userId).teamId;
}

function endGrant(world: SlackWorld, grant: Grant, endedBy: "revoked" | "uninstalled"): void {
  grant.active = false;
  grant.endedBy = endedBy;
  for (const token of world.tokens.values()) if (token.grantId === grant.id) token.revoked = true;
  for (const refresh of world.refreshTokens.values()) if (refresh.grantId === grant.id) refresh.used = true;
}

/** Revokes a token the way `auth.revoke` or an admin does: the whole authorization behind it ends. */
export function revokeToken(world: SlackWorld, value: string): void {
  const token = world.tokens.get(value);
  if (!token) throw new EmulatorError("unknown token", 404);
  if (token.grantId === null) {
    token.revoked = true;
    return;
  }
  const grant = world.grant(token.grantId);
  if (!grant.active) return;
  endGrant(world, grant, "revoked");
  world.emit({
    kind: "tokens_revoked",
    appId: grant.appId,
    teamId: homeTeamOf(world, grant),
    enterpriseId: grant.enterpriseId,
    oauth: grant.kind === "user" ? [grant.userId] : [],
    bot: grant.kind === "bot" ? [grant.userId] : [],
  });
}

/** Uninstalls an app from a workspace (or an org): every grant ends, then `tokens_revoked` and `app_uninstalled`. */
export function uninstallApp(
  world: SlackWorld,
  appId: string,
  scope: { teamId?: string; enterpriseId?: string },
): void {
  world.app(appId);
  const inScope = (grant: Grant): boolean =>
    grant.appId === appId &&
    grant.active &&
    (scope.enterpriseId !== undefined
      ? grant.enterpriseId === scope.enterpriseId
      : grant.teamId === scope.teamId || world.user(grant.userId).teamId === scope.teamId);
  const grants = [...world.grants.values()].filter(inScope);
  const bot = grants.find((g) => g.kind === "bot");
  if (!bot) throw new EmulatorError(`app ${appId} is not installed there`, 404);
  for (const grant of grants) endGrant(world, grant, "uninstalled");
  const teamId = homeTeamOf(world, bot);
  world.emit({
    kind: "tokens_revoked",
    appId,
    teamId,
    enterpriseId: bot.enterpriseId,
    oauth: grants.filter((g) => g.kind === "user").map((g) => g.userId),
    bot: [bot.userId],
  });
  world.emit({
    kind: "app_uninstalled",
    appId,
    teamId,
    enterpriseId: bot.enterpriseId,
    botUserId: bot.userId,
  });
}
