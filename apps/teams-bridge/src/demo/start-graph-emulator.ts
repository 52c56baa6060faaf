import { randomBytes } from "node:crypto";

import { startGraphEmulator, type GraphEmulator, type UserView } from "@presence/graph-emulator";

import type { TeamsBridgeConfig } from "../env.ts";

export interface GraphDemoOptions {
  /** Where the bridge is reached (its sign-in redirect URI is registered in the demo app). */
  publicBaseUrl: string;
  /** Emulator clock factor (1 = real Graph timing). */
  timeScale?: number;
  /** Who is in the tenant (the default: four people at contoso.com). */
  people?: { nickname: string; displayName: string; email: string }[];
  /** The emulator's port (0 = any free one). */
  port?: number;
  /** Where the emulator listens (default 127.0.0.1; a container: 0.0.0.0). */
  host?: string;
  /** More host names its certificate covers (a container's service name). */
  hostnames?: string[];
  /** The tenant and app registration, when the bridge already has them (docker-compose's demo profile). */
  identity?: { tenantId: string; clientId: string; clientSecret: string };
  /** Where the admin UI is reached (its sign-in redirect URI); default `publicBaseUrl`. */
  adminBaseUrl?: string;
  /** The emulator's HTTPS certificate and key, kept from an earlier run (clients already trust it). */
  certificate?: { cert: string; key: string };
}

export interface GraphDemo {
  emulator: GraphEmulator;
  /** The settings that point the bridge at the emulator, as an admin would set them for a real tenant. */
  config: Pick<
    TeamsBridgeConfig,
    | "AZURE_TENANT_ID"
    | "AZURE_CLIENT_ID"
    | "AZURE_CLIENT_SECRET"
    | "AZURE_AUTHORITY_HOST"
    | "GRAPH_BASE_URL"
    | "PUBLIC_BASE_URL"
  >;
  /** The emulator's certificate, to trust (createTeamsBridge's `ca`). */
  ca: string;
  people: UserView[];
  /** A user to sign in as a service account for notify mode. */
  serviceAccount: UserView;
  /** The demo's IT admin (member of `adminGroupId`); signs in to the admin UI. */
  admin: UserView;
  /** The Entra group whose members administer the bridge (the app emits group claims). */
  adminGroupId: string;
  close(): Promise<void>;
}

const DEMO_PEOPLE = [
  { displayName: "Ada Lovelace", nickname: "ada", email: "ada@contoso.com" },
  { displayName: "Grace Hopper", nickname: "grace", email: "grace@contoso.com" },
  { displayName: "Alan Turing", nickname: "alan", email: "alan@contoso.com" },
  { displayName: "Katherine Johnson", nickname: "katherine", email: "katherine@contoso.com" },
];

/**
 * The standalone demo's Microsoft side: the Graph + Entra emulator in this process, with a tenant,
 * an app registration (client secret; application Presence.ReadWrite.All, User.Read.All and the Outlook
 * spoke's Calendars.ReadBasic.All and MailboxSettings.Read; delegated
 * Presence.Read.All, User.Read, offline_access; the bridge's redirect URI), a few people who have
 * Teams open, and a service account. The bridge only sees ordinary settings plus the emulator's CA.
 * Used by the Teams bridge's and the all-in-one's main when no Microsoft identity is configured.
 */
export async function startGraphDemo(options: GraphDemoOptions): Promise<GraphDemo> {
  const emulator = await startGraphEmulator({
    timeScale: options.timeScale ?? 1,
    hostnames: ["localhost", ...(options.hostnames ?? [])],
    port: options.port ?? 0,
    ...(options.host ? { host: options.host } : {}),
    ...(options.certificate ? { certificate: options.certificate } : {}),
  });
  const { control } = emulator;
  const domain = "contoso.onmicrosoft.com";
  const tenant = control.createTenant({
    displayName: "Contoso (demo)",
    domain,
    ...(options.identity ? { id: options.identity.tenantId } : {}),
  });
  const clientSecret = options.identity?.clientSecret ?? randomBytes(24).toString("base64url");
  const publicBaseUrl = options.publicBaseUrl.replace(/\/+$/, "");
  const adminBaseUrl = (options.adminBaseUrl ?? publicBaseUrl).replace(/\/+$/, "");
  const app = control.createApp({
    tenantId: tenant.id,
    displayName: "Presence bridge (demo)",
    clientSecret,
    // The Teams bridge's sign-in (people, service accounts) and the admin app's.
    redirectUris: [`${publicBaseUrl}/graph/auth/callback`, `${adminBaseUrl}/auth/microsoft/callback`],
    ...(options.identity ? { clientId: options.identity.clientId } : {}),
    groupMembershipClaims: "SecurityGroup",
    applicationPermissions: [
      "Presence.ReadWrite.All",
      "User.Read.All",
      "Calendars.ReadBasic.All",
      "MailboxSettings.Read",
    ],
    delegatedScopes: ["Presence.Read.All", "User.Read", "offline_access"],
  });
  const people = (options.people ?? DEMO_PEOPLE).map((person) => {
    const user = control.createUser({
      tenantId: tenant.id,
      displayName: person.displayName,
      userPrincipalName: `${person.nickname}@${domain}`,
      mail: person.email,
    });
    control.openTeamsSession(user.id, { availability: "Available", activity: "Available" });
    return user;
  });
  const serviceAccount = control.createUser({
    tenantId: tenant.id,
    displayName: "Presence bridge service account",
    userPrincipalName: `presence-bridge@${domain}`,
  });
  const admin = control.createUser({
    tenantId: tenant.id,
    displayName: "Demo Admin",
    userPrincipalName: `it-admin@${domain}`,
    mail: `it-admin@${domain}`,
  });
  const adminGroup = control.createGroup({
    tenantId: tenant.id,
    displayName: "Presence bridge admins",
    securityEnabled: true,
    memberIds: [admin.id],
  });
  return {
    emulator,
    ca: emulator.ca,
    people,
    serviceAccount,
    admin,
    adminGroupId: adminGroup.id,
    config: {
      AZURE_TENANT_ID: tenant.id,
      AZURE_CLIENT_ID: app.clientId,
      AZURE_CLIENT_SECRET: clientSecret,
      AZURE_AUTHORITY_HOST: emulator.url,
      GRAPH_BASE_URL: emulator.url,
      PUBLIC_BASE_URL: publicBaseUrl,
    },
    close: () => emulator.close(),
  };
}
