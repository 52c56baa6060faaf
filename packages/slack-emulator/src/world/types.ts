/** The emulated Slack's data model: what Slack stores, not how the Web API renders it. */

export type Plan = "free" | "paid";
/** Where a workspace's profile fields come from ("API" in Slack's Configure Profiles admin tool). */
export type ProfileSource = "api" | "slack";
/** Roles from lowest to highest (Slack: Primary Owner > Owner > Admin > Member > Guest). */
export const ROLES = ["guest", "member", "admin", "owner", "primary_owner"] as const;
export type Role = (typeof ROLES)[number];

export interface Enterprise {
  id: string;
  name: string;
  domain: string;
}

export interface Workspace {
  id: string;
  name: string;
  domain: string;
  plan: Plan;
  enterpriseId: string | null;
  profileSource: ProfileSource;
}

export interface Status {
  text: string;
  emoji: string;
  /** Unix seconds; 0 = never expires. */
  expiration: number;
}

export interface Huddle {
  state: "default_unset" | "in_a_huddle";
  expirationTs: number;
  callId: string | null;
}

export interface Dnd {
  /** Whether a DND schedule is on (`dnd_enabled`). */
  enabled: boolean;
  nextStartTs: number;
  nextEndTs: number;
  /** Unix seconds when the snooze ends, or null when not snoozed. */
  snoozeEndtime: number | null;
}

export interface Presence {
  /** Set by `users.setPresence presence=away` or the person in their client; cleared by `auto`. */
  manualAway: boolean;
  /** At least one client connected. */
  online: boolean;
  /** Slack's automatic away after inactivity. */
  autoAway: boolean;
  lastActivity: number;
}

export interface ProfileFields {
  realName: string;
  displayName: string;
  firstName: string;
  lastName: string;
  title: string;
  phone: string;
  skype: string;
  pronouns: string;
}

export interface User {
  id: string;
  teamId: string;
  name: string;
  email: string | null;
  role: Role;
  /** Enterprise Grid org-level role (Org Owner / Org Admin), null for none. */
  orgRole: Role | null;
  deleted: boolean;
  isBot: boolean;
  botId: string | null;
  appId: string | null;
  tz: string;
  tzLabel: string;
  tzOffset: number;
  color: string;
  avatarHash: string;
  /** Unix seconds of the last change to the user object. */
  updated: number;
  profile: ProfileFields;
  status: Status;
  huddle: Huddle;
  dnd: Dnd;
  presence: Presence;
}

export interface App {
  id: string;
  name: string;
  clientId: string;
  clientSecret: string;
  signingSecret: string;
  verificationToken: string;
  requestUrl: string | null;
  socketMode: boolean;
  tokenRotation: boolean;
  botEvents: string[];
  userEvents: string[];
  redirectUrls: string[];
  orgDeployEnabled: boolean;
  homeTabEnabled: boolean;
}

export type GrantKind = "bot" | "user";

/**
 * One authorization: the bot side of an installation (kind "bot") or one person's user-token
 * authorization (kind "user"). Tokens and refresh tokens point at a grant.
 */
export interface Grant {
  id: string;
  kind: GrantKind;
  appId: string;
  /** Null for an org-wide (Enterprise Grid) installation. */
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  /** The bot user (kind "bot") or the person who authorized (kind "user"). */
  userId: string;
  botId: string | null;
  scopes: string[];
  /** The person who ran the install (kind "bot"). */
  installerUserId: string | null;
  active: boolean;
  /** Why the grant ended: an explicit revocation or the app's uninstallation. */
  endedBy: "revoked" | "uninstalled" | null;
}

export type TokenKind = "bot" | "user" | "app";

export interface TokenRecord {
  value: string;
  kind: TokenKind;
  appId: string;
  /** Null for app-level tokens. */
  grantId: string | null;
  /** App-level token scopes (user/bot tokens use their grant's scopes). */
  appScopes: string[];
  /** Epoch ms when a rotating token expires; null for non-expiring tokens. */
  expiresAt: number | null;
  revoked: boolean;
}

/** A person's sign-in password for the emulator's sign-in page, kept only as a salted scrypt hash. */
export interface StoredPassword {
  salt: Buffer;
  hash: Buffer;
}

export interface RefreshTokenRecord {
  value: string;
  grantId: string;
  used: boolean;
}
