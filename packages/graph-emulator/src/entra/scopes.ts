/**
 * Scope handling of the v2 token and authorize endpoints (reference §6.1, §6.2): `scope` is space-separated; app-only
 * requests ask for exactly `<resource>/.default`; delegated requests ask for resource scopes (qualified
 * `<resource>/Presence.Read.All` or bare `Presence.Read.All`, bare meaning Microsoft Graph) plus the OpenID scopes.
 */
export const OIDC_SCOPES = ["openid", "profile", "email", "offline_access"] as const;

export function splitScopes(scope: string | undefined): string[] {
  return (scope ?? "").split(/\s+/).filter((s) => s.length > 0);
}

export interface ParsedDelegatedScopes {
  /** Graph permission names, e.g. `Presence.Read.All`; `.default` expands to every consented one. */
  permissions: string[];
  /** The scopes as the client spelled them, for the response's `scope` (msal caches by it). */
  spelled: string[];
  oidc: string[];
  wantsDefault: boolean;
  /** A resource other than this Graph, if any was named. */
  foreignResource?: string;
}

function resourceOf(scope: string): { resource?: string; name: string } {
  const slash = scope.lastIndexOf("/");
  if (!scope.includes("://") || slash < 0) return { name: scope };
  return { resource: scope.slice(0, slash), name: scope.slice(slash + 1) };
}

export function normaliseResource(resource: string): string {
  return resource.replace(/\/+$/, "").toLowerCase();
}

/** For client credentials: the resource of a lone `<resource>/.default`, or undefined if the scope is not that. */
export function appOnlyResource(scopes: string[]): string | undefined {
  if (scopes.length !== 1 || scopes[0] === undefined) return undefined;
  const { resource, name } = resourceOf(scopes[0]);
  return resource !== undefined && name === ".default" ? resource : undefined;
}

export function parseDelegatedScopes(scopes: string[], graphResources: Set<string>): ParsedDelegatedScopes {
  const result: ParsedDelegatedScopes = { permissions: [], spelled: [], oidc: [], wantsDefault: false };
  for (const scope of scopes) {
    const lower = scope.toLowerCase();
    if ((OIDC_SCOPES as readonly string[]).includes(lower)) {
      result.oidc.push(lower);
      continue;
    }
    const { resource, name } = resourceOf(scope);
    if (resource !== undefined && !graphResources.has(normaliseResource(resource))) {
      result.foreignResource = resource;
      continue;
    }
    if (name === ".default") result.wantsDefault = true;
    else {
      result.permissions.push(name);
      result.spelled.push(scope);
    }
  }
  if (result.permissions.length === 0) result.wantsDefault = true;
  return result;
}

export function includesIgnoringCase(list: readonly string[], value: string): boolean {
  return list.some((v) => v.toLowerCase() === value.toLowerCase());
}
