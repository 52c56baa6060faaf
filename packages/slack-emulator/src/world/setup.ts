import { z } from "zod";
import { EmulatorError } from "../emulator-error.ts";
import { newId, newToken } from "../ids.ts";
import { setPassword } from "./passwords.ts";
import { ROLES } from "./types.ts";
import type { App, Enterprise, TokenRecord, User, Workspace } from "./types.ts";
import type { SlackWorld } from "./world.ts";

// Id formats follow the spec's `defs_*` patterns, so every rendered object validates.
const teamId = z.string().regex(/^T[A-Z0-9]{8,}$/, "a team id looks like T0123456789");
const enterpriseId = z.string().regex(/^E[A-Z0-9]{8,}$/, "an enterprise id looks like E0123456789");
const userId = z
  .string()
  .regex(/^[UW][A-Z0-9]{8,}$/, "a user id looks like U0123456789 (W… in Enterprise Grid)");
const appId = z.string().regex(/^A[A-Z0-9]{2,}$/, "an app id looks like A0123456789");

export const enterpriseInput = z.object({
  id: enterpriseId.optional(),
  name: z.string().min(1).default("Emulated Org"),
  domain: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
});

export const workspaceInput = z.object({
  id: teamId.optional(),
  name: z.string().min(1).default("Emulated Workspace"),
  domain: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  plan: z.enum(["free", "paid"]).default("paid"),
  enterpriseId: enterpriseId.optional(),
  /** "api" = the Configure Profiles data source is API (needed for admins to set others' status). */
  profileSource: z.enum(["api", "slack"]).default("slack"),
});

/** A password for the emulator's sign-in page (any non-empty text). */
export const signInPassword = z.string().min(1).max(256);

export const userInput = z.object({
  teamId,
  id: userId.optional(),
  name: z.string().regex(/^[a-z0-9._-]+$/, "a Slack username: lower case, digits, . _ -"),
  realName: z.string().optional(),
  displayName: z.string().optional(),
  email: z.email().nullable().optional(),
  role: z.enum(ROLES).default("member"),
  orgRole: z.enum(ROLES).nullable().default(null),
  deleted: z.boolean().default(false),
  isBot: z.boolean().default(false),
  tz: z.string().default("Europe/Berlin"),
  title: z.string().default(""),
  /** Asked for on the browser sign-in page; without one, the e-mail address alone signs the person in. */
  password: signInPassword.optional(),
});

export const appInput = z.object({
  id: appId.optional(),
  name: z.string().min(1).default("Presence Bridge"),
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  signingSecret: z.string().min(1).optional(),
  verificationToken: z.string().min(1).optional(),
  /** Stored as if set in the app manifest; use setRequestUrl to run the url_verification handshake. */
  requestUrl: z.url().nullable().default(null),
  socketMode: z.boolean().default(false),
  tokenRotation: z.boolean().default(false),
  botEvents: z.array(z.string().min(1)).default([]),
  userEvents: z.array(z.string().min(1)).default([]),
  redirectUrls: z.array(z.url()).default([]),
  orgDeployEnabled: z.boolean().default(false),
  homeTabEnabled: z.boolean().default(true),
  appTokenScopes: z.array(z.string().min(1)).default(["connections:write"]),
});

export type EnterpriseInput = z.input<typeof enterpriseInput>;
export type WorkspaceInput = z.input<typeof workspaceInput>;
export type UserInput = z.input<typeof userInput>;
export type AppInput = z.input<typeof appInput>;

function unused(map: Map<string, unknown>, id: string, what: string): string {
  if (map.has(id)) throw new EmulatorError(`${what} ${id} already exists`, 409);
  return id;
}

export function createEnterprise(world: SlackWorld, input: EnterpriseInput): Enterprise {
  const parsed = enterpriseInput.parse(input);
  const id = unused(world.enterprises, parsed.id ?? newId.enterprise(), "enterprise");
  const enterprise: Enterprise = { id, name: parsed.name, domain: parsed.domain ?? slug(parsed.name) };
  world.enterprises.set(id, enterprise);
  return enterprise;
}

export function createWorkspace(world: SlackWorld, input: WorkspaceInput): Workspace {
  const parsed = workspaceInput.parse(input);
  if (parsed.enterpriseId !== undefined) world.enterprise(parsed.enterpriseId);
  const id = unused(world.workspaces, parsed.id ?? newId.team(), "workspace");
  const workspace: Workspace = {
    id,
    name: parsed.name,
    domain: parsed.domain ?? slug(parsed.name),
    plan: parsed.plan,
    enterpriseId: parsed.enterpriseId ?? null,
    profileSource: parsed.profileSource,
  };
  world.workspaces.set(id, workspace);
  return workspace;
}

export function createUser(world: SlackWorld, input: UserInput & { botId?: string; appId?: string }): User {
  const parsed = userInput.parse(input);
  const workspace = world.workspace(parsed.teamId);
  if (parsed.isBot && parsed.password !== undefined)
    throw new EmulatorError("bot users cannot sign in, so they have no password");
  const id = unused(world.users, parsed.id ?? newId.user(workspace.enterpriseId !== null), "user");
  const realName = parsed.realName ?? parsed.name;
  const [firstName = "", ...rest] = realName.split(" ");
  const now = world.clock.nowSeconds();
  const user: User = {
    id,
    teamId: workspace.id,
    name: parsed.name,
    email: parsed.isBot ? null : (parsed.email ?? `${parsed.name}@${workspace.domain}.example.com`),
    role: parsed.role,
    orgRole: parsed.orgRole,
    deleted: parsed.deleted,
    isBot: parsed.isBot,
    botId: input.botId ?? (parsed.isBot ? newId.bot() : null),
    appId: input.appId ?? null,
    tz: parsed.tz,
    tzLabel: parsed.tz,
    tzOffset: 0,
    color: newId.secret().slice(0, 6),
    avatarHash: newId.avatarHash(),
    updated: now,
    profile: {
      realName,
      displayName: parsed.displayName ?? "",
      firstName,
      lastName: rest.join(" "),
      title: parsed.title,
      phone: "",
      skype: "",
      pronouns: "",
    },
    status: { text: "", emoji: "", expiration: 0 },
    huddle: { state: "default_unset", expirationTs: 0, callId: null },
    dnd: { enabled: false, nextStartTs: 1, nextEndTs: 1, snoozeEndtime: null },
    presence: { manualAway: false, online: !parsed.isBot, autoAway: false, lastActivity: now },
  };
  world.users.set(id, user);
  if (parsed.password !== undefined) setPassword(world, id, parsed.password);
  return user;
}

export interface CreatedApp {
  app: App;
  /** An app-level token (`xapp-…`) with `appTokenScopes`, as generated on the app's settings page. */
  appToken: string;
}

export function createApp(world: SlackWorld, input: AppInput): CreatedApp {
  const parsed = appInput.parse(input);
  const id = unused(world.apps, parsed.id ?? newId.app(), "app");
  const clientId = parsed.clientId ?? newId.clientId();
  if (world.appByClientId(clientId)) throw new EmulatorError(`client id ${clientId} is taken`, 409);
  const app: App = {
    id,
    name: parsed.name,
    clientId,
    clientSecret: parsed.clientSecret ?? newId.secret(),
    signingSecret: parsed.signingSecret ?? newId.secret(),
    verificationToken: parsed.verificationToken ?? newId.verificationToken(),
    requestUrl: parsed.requestUrl,
    socketMode: parsed.socketMode,
    tokenRotation: parsed.tokenRotation,
    botEvents: parsed.botEvents,
    userEvents: parsed.userEvents,
    redirectUrls: parsed.redirectUrls,
    orgDeployEnabled: parsed.orgDeployEnabled,
    homeTabEnabled: parsed.homeTabEnabled,
  };
  world.apps.set(id, app);
  return { app, appToken: createAppToken(world, id, parsed.appTokenScopes) };
}

export function createAppToken(world: SlackWorld, forApp: string, scopes: string[]): string {
  world.app(forApp);
  const record: TokenRecord = {
    value: newToken.app(forApp),
    kind: "app",
    appId: forApp,
    grantId: null,
    appScopes: scopes,
    expiresAt: null,
    revoked: false,
  };
  world.tokens.set(record.value, record);
  return record.value;
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "workspace"
  );
}
