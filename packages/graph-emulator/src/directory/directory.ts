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

/** Tenants, users and app registrations of the emulated Entra directory. */
export class Directory {
  readonly #tenants = new Map<string, Tenant>();
  readonly #users = new Map<string, DirectoryUser>();
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

  addApp(input: {
    tenantId: string;
    clientId?: string;
    displayName?: string;
    clientSecret?: string;
    certificatePem?: string;
    redirectUris?: string[];
    applicationPermissions?: string[];
    delegatedScopes?: string[];
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
    },
  ): AppRegistration {
    const app = this.requireApp(clientId);
    if (change.applicationPermissions) app.applicationPermissions = [...change.applicationPermissions];
    if (change.delegatedScopes) app.delegatedScopes = [...change.delegatedScopes];
    if (change.redirectUris) app.redirectUris = [...change.redirectUris];
    if (change.addClientSecret !== undefined) app.clientSecrets.push(change.addClientSecret);
    if (change.addCertificatePem !== undefined)
      app.certificates.push(describeCertificate(change.addCertificatePem));
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
