import { createHash, X509Certificate, type KeyObject } from "node:crypto";
import { newGuid } from "../ids.ts";

export interface Tenant {
  id: string;
  displayName: string;
  /** Verified domain, e.g. `contoso.onmicrosoft.com`; accepted in place of the tenant id in authority URLs. */
  domain: string;
}

export interface DirectoryUser {
  id: string;
  tenantId: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  givenName: string | null;
  surname: string | null;
  jobTitle: string | null;
  mobilePhone: string | null;
  officeLocation: string | null;
  preferredLanguage: string | null;
  businessPhones: string[];
  accountEnabled: boolean;
  /** For interactive sign-in through the emulated authorize page (checked when given as `password` hint). */
  password?: string;
}

/**
 * A directory group (Graph `group`). Members are users of the same tenant; nested groups are not modelled, so direct
 * membership is also the transitive one. `securityEnabled` decides whether `groupMembershipClaims: "SecurityGroup"`
 * emits it; `All` emits every group.
 */
export interface DirectoryGroup {
  id: string;
  tenantId: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  securityEnabled: boolean;
  mailEnabled: boolean;
  createdDateTime: string;
  /** User object ids, in the order they were added. */
  members: string[];
}

/**
 * The app manifest's `groupMembershipClaims` (reference-app-manifest: `None`, `SecurityGroup`, `ApplicationGroup`,
 * `DirectoryRole`, `All`). The emulator models the values that need no app-role assignments or directory roles.
 */
export const GROUP_MEMBERSHIP_CLAIMS = ["None", "SecurityGroup", "All"] as const;
export type GroupMembershipClaims = (typeof GROUP_MEMBERSHIP_CLAIMS)[number];

export interface AppCertificate {
  pem: string;
  publicKey: KeyObject;
  /** base64url of the SHA-1 / SHA-256 thumbprint, as msal puts them in the assertion's `x5t` / `x5t#S256` header. */
  x5t: string;
  x5tS256: string;
}

export interface AppRegistration {
  clientId: string;
  tenantId: string;
  displayName: string;
  clientSecrets: string[];
  certificates: AppCertificate[];
  redirectUris: string[];
  /** Granted (admin-consented) application permissions, e.g. `Presence.Read.All` → token `roles`. */
  applicationPermissions: string[];
  /** Delegated scopes users have consented to, e.g. `Presence.Read.All offline_access` → token `scp`. */
  delegatedScopes: string[];
  /** Which groups the `groups` claim of this app's ID tokens lists (manifest default: none). */
  groupMembershipClaims: GroupMembershipClaims;
}

export class DirectoryError extends Error {}

export function describeCertificate(pem: string): AppCertificate {
  const cert = new X509Certificate(pem);
  return {
    pem,
    publicKey: cert.publicKey,
    x5t: createHash("sha1").update(cert.raw).digest("base64url"),
    x5tS256: createHash("sha256").update(cert.raw).digest("base64url"),
  };
}

/** Tenants, users, groups and app registrations of the emulated Entra directory. */
export class Directory {
  readonly #tenants = new Map<string, Tenant>();
  readonly #users = new Map<string, DirectoryUser>();
  readonly #groups = new Map<string, DirectoryGroup>();
  readonly #apps = new Map<string, AppRegistration>();

  addTenant(input: { id?: string; displayName?: string; domain?: string }): Tenant {
    const id = input.id ?? newGuid();
    if (this.#tenants.has(id)) throw new DirectoryError(`tenant ${id} already exists`);
    const tenant: Tenant = {
      id,
      displayName: input.displayName ?? "Contoso",
      domain: (input.domain ?? `tenant-${id.slice(0, 8)}.onmicrosoft.com`).toLowerCase(),
    };
    this.#tenants.set(id, tenant);
    return tenant;
  }

  tenants(): Tenant[] {
    return [...this.#tenants.values()];
  }

  /** By id or verified domain (authority path segment). */
  findTenant(idOrDomain: string): Tenant | undefined {
    const key = idOrDomain.toLowerCase();
    return (
      this.#tenants.get(key) ??
      [...this.#tenants.values()].find((t) => t.id.toLowerCase() === key || t.domain === key)
    );
  }

  requireTenant(id: string): Tenant {
    const tenant = this.findTenant(id);
    if (!tenant) throw new DirectoryError(`unknown tenant ${id}`);
    return tenant;
  }

  addUser(
    input: Omit<Partial<DirectoryUser>, "tenantId"> & { tenantId: string; displayName: string },
  ): DirectoryUser {
    const tenant = this.requireTenant(input.tenantId);
    const id = input.id ?? newGuid();
    if (this.#users.has(id)) throw new DirectoryError(`user ${id} already exists`);
    const localPart =
      input.displayName
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ".")
        .replace(/^\.|\.$/g, "") || id.slice(0, 8);
    const userPrincipalName = input.userPrincipalName ?? `${localPart}@${tenant.domain}`;
    if (this.findUser(tenant.id, userPrincipalName))
      throw new DirectoryError(`userPrincipalName ${userPrincipalName} is taken`);
    const user: DirectoryUser = {
      id,
      tenantId: tenant.id,
      displayName: input.displayName,
      userPrincipalName,
      mail: input.mail === undefined ? userPrincipalName : input.mail,
      givenName: input.givenName ?? null,
      surname: input.surname ?? null,
      jobTitle: input.jobTitle ?? null,
      mobilePhone: input.mobilePhone ?? null,
      officeLocation: input.officeLocation ?? null,
      preferredLanguage: input.preferredLanguage ?? null,
      businessPhones: input.businessPhones ?? [],
      accountEnabled: input.accountEnabled ?? true,
      ...(input.password === undefined ? {} : { password: input.password }),
    };
    this.#users.set(id, user);
    return user;
  }

  /** Users of a tenant in creation order. */
  users(tenantId: string): DirectoryUser[] {
    return [...this.#users.values()].filter((u) => u.tenantId === tenantId);
  }

  /** By object id, or by userPrincipalName (Graph accepts both in `/users/{id | userPrincipalName}`). */
  findUser(tenantId: string, idOrUpn: string): DirectoryUser | undefined {
    const byId = this.#users.get(idOrUpn.toLowerCase()) ?? this.#users.get(idOrUpn);
    if (byId) return byId.tenantId === tenantId ? byId : undefined;
    const key = idOrUpn.toLowerCase();
    return this.users(tenantId).find((u) => u.userPrincipalName.toLowerCase() === key);
  }

  userById(id: string): DirectoryUser | undefined {
    return this.#users.get(id);
  }

  requireUser(id: string): DirectoryUser {
    const user = this.#users.get(id);
    if (!user) throw new DirectoryError(`unknown user ${id}`);
    return user;
  }

  updateUser(
    id: string,
    change: Partial<Pick<DirectoryUser, "displayName" | "mail" | "accountEnabled" | "password">>,
  ): DirectoryUser {
    const user = this.requireUser(id);
    if (change.displayName !== undefined) user.displayName = change.displayName;
    if (change.mail !== undefined) user.mail = change.mail;
    if (change.accountEnabled !== undefined) user.accountEnabled = change.accountEnabled;
    if (change.password !== undefined) user.password = change.password;
    return user;
  }

  addGroup(input: {
    tenantId: string;
    displayName: string;
    id?: string;
    description?: string;
    mailNickname?: string;
    securityEnabled?: boolean;
    mailEnabled?: boolean;
    memberIds?: string[];
  }): DirectoryGroup {
    const tenant = this.requireTenant(input.tenantId);
    const id = input.id ?? newGuid();
    if (this.#groups.has(id) || this.#users.has(id)) throw new DirectoryError(`object ${id} already exists`);
    const group: DirectoryGroup = {
      id,
      tenantId: tenant.id,
      displayName: input.displayName,
      description: input.description ?? null,
      mailNickname: input.mailNickname ?? (input.displayName.replace(/[^A-Za-z0-9]+/g, "") || id.slice(0, 8)),
      securityEnabled: input.securityEnabled ?? true,
      mailEnabled: input.mailEnabled ?? false,
      createdDateTime: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      members: [],
    };
    this.#addMembers(group, input.memberIds ?? []);
    this.#groups.set(id, group);
    return group;
  }

  /** Groups of a tenant in creation order. */
  groups(tenantId: string): DirectoryGroup[] {
    return [...this.#groups.values()].filter((g) => g.tenantId === tenantId);
  }

  /** By object id, within the tenant (Graph never shows another tenant's objects). */
  findGroup(tenantId: string, id: string): DirectoryGroup | undefined {
    const group = this.#groups.get(id.toLowerCase()) ?? this.#groups.get(id);
    return group?.tenantId === tenantId ? group : undefined;
  }

  requireGroup(id: string): DirectoryGroup {
    const group = this.#groups.get(id);
    if (!group) throw new DirectoryError(`unknown group ${id}`);
    return group;
  }

  /** Adds users to a group; users already in it stay once. */
  addGroupMembers(groupId: string, userIds: string[]): DirectoryGroup {
    const group = this.requireGroup(groupId);
    this.#addMembers(group, userIds);
    return group;
  }

  removeGroupMember(groupId: string, userId: string): DirectoryGroup {
    const group = this.requireGroup(groupId);
    const index = group.members.indexOf(userId);
    if (index < 0) throw new DirectoryError(`unknown member ${userId} of group ${groupId}`);
    group.members.splice(index, 1);
    return group;
  }

  /** The groups a user is a member of, in group creation order (direct = transitive: no nesting). */
  groupsOf(userId: string): DirectoryGroup[] {
    return [...this.#groups.values()].filter((g) => g.members.includes(userId));
  }

  #addMembers(group: DirectoryGroup, userIds: string[]): void {
    for (const userId of userIds) {
      const user = this.requireUser(userId);
      if (user.tenantId !== group.tenantId)
        throw new DirectoryError(`user ${userId} is not in the tenant of group ${group.id}`);
    }
    for (const userId of userIds) if (!group.members.includes(userId)) group.members.push(userId);
  }

  addApp(input: {
    tenantId: string;
    clientId?: string;
    displayName?: string;
    clientSecret?: string;
    certificatePem?: string;
    redirectUris?: string[];
    applicationPermissions?: string[];
    delegatedScopes?: string[];
    groupMembershipClaims?: GroupMembershipClaims;
  }): AppRegistration {
    const tenant = this.requireTenant(input.tenantId);
    const clientId = input.clientId ?? newGuid();
    if (this.#apps.has(clientId)) throw new DirectoryError(`app ${clientId} already exists`);
    const app: AppRegistration = {
      clientId,
      tenantId: tenant.id,
      displayName: input.displayName ?? "Presence bridge",
      clientSecrets: input.clientSecret === undefined ? [] : [input.clientSecret],
      certificates: input.certificatePem === undefined ? [] : [describeCertificate(input.certificatePem)],
      redirectUris: input.redirectUris ?? [],
      applicationPermissions: input.applicationPermissions ?? [],
      delegatedScopes: input.delegatedScopes ?? [],
      groupMembershipClaims: input.groupMembershipClaims ?? "None",
    };
    this.#apps.set(clientId, app);
    return app;
  }

  updateApp(
    clientId: string,
    change: {
      applicationPermissions?: string[];
      delegatedScopes?: string[];
      redirectUris?: string[];
      addClientSecret?: string;
      addCertificatePem?: string;
      groupMembershipClaims?: GroupMembershipClaims;
    },
  ): AppRegistration {
    const app = this.requireApp(clientId);
    if (change.applicationPermissions) app.applicationPermissions = [...change.applicationPermissions];
    if (change.delegatedScopes) app.delegatedScopes = [...change.delegatedScopes];
    if (change.redirectUris) app.redirectUris = [...change.redirectUris];
    if (change.addClientSecret !== undefined) app.clientSecrets.push(change.addClientSecret);
    if (change.addCertificatePem !== undefined)
      app.certificates.push(describeCertificate(change.addCertificatePem));
    if (change.groupMembershipClaims !== undefined) app.groupMembershipClaims = change.groupMembershipClaims;
    return app;
  }

  app(clientId: string): AppRegistration | undefined {
    return this.#apps.get(clientId);
  }

  requireApp(clientId: string): AppRegistration {
    const app = this.#apps.get(clientId);
    if (!app) throw new DirectoryError(`unknown app ${clientId}`);
    return app;
  }

  apps(): AppRegistration[] {
    return [...this.#apps.values()];
  }
}
