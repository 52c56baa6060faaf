import type { ConfidentialClientApplication, ICachePlugin } from "@azure/msal-node";
import { GraphError, type Client } from "@microsoft/microsoft-graph-client";
import { BridgeError } from "@presence/core";
import { getCredential, putCredential, type DbClient, type KeyRing } from "@presence/db";

import { classifyGraphError } from "../client/classify-graph-error.ts";
import type { GraphAccess } from "../client/graph-access.ts";

/** Credential kind of a service account's msal token cache (its refresh token included), encrypted. */
export const TOKEN_CACHE_KIND = "graph_token_cache";

/**
 * Owner key of a service account's token cache. Not `entraOwner`: a person's link and its secrets are
 * removed on unlink, and an account that is also linked as a person must keep its subscription.
 */
export function serviceAccountOwner(tenantId: string, userId: string): string {
  return `entra-service-account:${tenantId}:${userId.toLowerCase()}`;
}

/** Delegated permissions a service account signs in with (offline_access: a refresh token). */
export const SERVICE_ACCOUNT_PERMISSIONS = ["Presence.Read.All"] as const;

/** An msal cache plugin keeping one account's token cache in the store, encrypted with the key ring. */
export function storedTokenCache(db: DbClient, ring: KeyRing, owner: string): ICachePlugin {
  return {
    async beforeCacheAccess(context) {
      const stored = await getCredential(db, ring, TOKEN_CACHE_KIND, owner);
      if (stored) context.tokenCache.deserialize(stored.secret);
    },
    async afterCacheAccess(context) {
      if (context.cacheHasChanged)
        await putCredential(db, ring, {
          kind: TOKEN_CACHE_KIND,
          owner,
          secret: context.tokenCache.serialize(),
        });
    },
  };
}

/** Stores the token cache of a freshly signed-in account (after the authorization code was redeemed). */
export async function saveTokenCache(
  db: DbClient,
  ring: KeyRing,
  cca: ConfidentialClientApplication,
  tenantId: string,
  userId: string,
): Promise<void> {
  await putCredential(db, ring, {
    kind: TOKEN_CACHE_KIND,
    owner: serviceAccountOwner(tenantId, userId),
    secret: cca.getTokenCache().serialize(),
  });
}

/**
 * A signed-in service account: delegated Graph calls with tokens from its stored msal cache
 * (acquireTokenSilent refreshes them with the stored refresh token). A revoked or expired grant
 * surfaces as an `auth_revoked` BridgeError.
 */
export class ServiceAccountSession {
  readonly client: Client;
  readonly #cca: ConfidentialClientApplication;
  #forceRefresh = false;
  /** The token of the call in progress (acquired before it, so a sign-in failure keeps its own error). */
  #token = "";

  constructor(
    private readonly graph: GraphAccess,
    db: DbClient,
    ring: KeyRing,
    private readonly account: { tenantId: string; userId: string; homeAccountId: string },
  ) {
    this.#cca = graph.confidentialClient(
      storedTokenCache(db, ring, serviceAccountOwner(account.tenantId, account.userId)),
    );
    this.client = graph.client(async () => this.#token || this.token(), "delegated");
  }

  /** The next token is fetched with the refresh token, not taken from the cache (reauthorization). */
  forceRefresh(): void {
    this.#forceRefresh = true;
  }

  async token(): Promise<string> {
    const forceRefresh = this.#forceRefresh;
    this.#forceRefresh = false;
    try {
      const account = await this.#cca.getTokenCache().getAccountByHomeId(this.account.homeAccountId);
      if (!account)
        throw new BridgeError(
          "auth_revoked",
          "The service account's stored sign-in is missing; sign it in again",
        );
      const result = await this.#cca.acquireTokenSilent({
        account,
        scopes: SERVICE_ACCOUNT_PERMISSIONS.map((p) => this.graph.scope(p)),
        forceRefresh,
      });
      return result.accessToken;
    } catch (error) {
      throw classifyGraphError(error, "delegated", "Service account sign-in");
    }
  }

  /**
   * One delegated call. A 401 may be a token Graph stopped accepting before its expiry: the next call
   * refreshes it first, and this one is reported retryable; a refresh that fails is `auth_revoked`.
   */
  async call<T>(what: string, run: (client: Client) => Promise<T>): Promise<T> {
    this.#token = await this.token();
    try {
      return await run(this.client);
    } catch (error) {
      if (error instanceof GraphError && error.statusCode === 401) {
        this.#forceRefresh = true;
        throw new BridgeError(
          "upstream_unavailable",
          `${what}: Graph refused the token (401); refreshing it`,
          {
            cause: error,
          },
        );
      }
      throw classifyGraphError(error, "delegated", what);
    }
  }
}
