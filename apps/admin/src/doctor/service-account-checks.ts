import type { ICachePlugin } from "@azure/msal-node";
import { BridgeError } from "@presence/core";
import {
  getCredential,
  putCredential,
  type DbClient,
  type GraphServiceAccount,
  type KeyRing,
  listAllGraphServiceAccounts,
} from "@presence/db";
import type { EntraApp } from "@presence/entra";

import { fail, notChecked, ok, warn, type CheckResult } from "./check-result.ts";
import { withTimeout, type DoctorNetwork } from "./doctor-network.ts";
import { doctorClient, explainEntraError } from "./entra-app-token.ts";
import type { MicrosoftSide } from "./side-checks.ts";

/**
 * How the Teams bridge keeps a service account's sign-in (apps/teams-bridge/src/inbound/
 * service-account-session.ts, which this app cannot import): its msal token cache, encrypted, as a
 * Credential of this kind and owner, used for this delegated permission.
 */
const TOKEN_CACHE_KIND = "graph_token_cache";
const SERVICE_ACCOUNT_PERMISSION = "Presence.Read.All";
const serviceAccountOwner = (tenantId: string, userId: string) =>
  `entra-service-account:${tenantId}:${userId.toLowerCase()}`;

export interface ServiceAccountContext {
  side: MicrosoftSide;
  db: DbClient;
  ring: KeyRing | null;
  network: DoctorNetwork;
}

/**
 * Notify mode's service accounts (GraphServiceAccount): each is active, its stored sign-in decrypts,
 * and msal gets a token with it silently — with the refresh token (forceRefresh), which proves the
 * grant still works. As in the bridge, a token cache msal changed is stored back (encrypted).
 */
export async function checkServiceAccounts(
  context: ServiceAccountContext,
  mode: "poll" | "notify",
  appWorks: boolean,
): Promise<CheckResult[]> {
  const accounts = await listAllGraphServiceAccounts(context.db);
  if (accounts.length === 0)
    return mode === "notify"
      ? [
          warn(
            "microsoft",
            "service accounts",
            "notify mode has no service account: everyone is polled until one is added",
            'Add one per 650 people: `presence graph add-account --login-hint <upn>` (docs/entra-app-setup.md, "Service accounts")',
          ),
        ]
      : [];
  const results: CheckResult[] = [];
  for (const account of accounts) results.push(await checkAccount(context, account, appWorks));
  return results;
}

async function checkAccount(
  context: ServiceAccountContext,
  account: GraphServiceAccount,
  appWorks: boolean,
): Promise<CheckResult> {
  const { db, ring, side, network } = context;
  const name = account.userPrincipalName || account.userId;
  const label = `service account ${name}`;
  const signInAgain = `Sign it in again: \`presence graph add-account --login-hint ${name}\`, open the link as that account`;
  if (account.status !== "active")
    return fail(
      "microsoft",
      label,
      `${account.status.replace("_", "-")}${account.statusReason ? `: ${account.statusReason}` : ""} (its ${account.userIds.length} people are polled)`,
      signInAgain,
    );
  if (!ring) return notChecked("microsoft", label, "no usable TOKEN_ENCRYPTION_KEY (above)");
  const owner = serviceAccountOwner(account.tenantId, account.userId);
  let cache: string;
  try {
    const stored = await getCredential(db, ring, TOKEN_CACHE_KIND, owner);
    if (!stored) return fail("microsoft", label, "active, but no stored sign-in", signInAgain);
    cache = stored.secret;
  } catch (error) {
    if (!(error instanceof BridgeError)) throw error;
    return fail(
      "microsoft",
      label,
      "its stored sign-in cannot be decrypted with the key ring (see stored secrets)",
      `Fix TOKEN_ENCRYPTION_KEY / TOKEN_ENCRYPTION_OLD_KEYS (above), or ${signInAgain.charAt(0).toLowerCase()}${signInAgain.slice(1)}`,
    );
  }
  const app: EntraApp | null = side.app;
  if (!app || !appWorks)
    return notChecked("microsoft", label, "its stored sign-in decrypts; the app cannot sign in (above)");
  const plugin: ICachePlugin = {
    beforeCacheAccess: async (access) => access.tokenCache.deserialize(cache),
    afterCacheAccess: async (access) => {
      if (!access.cacheHasChanged) return;
      cache = access.tokenCache.serialize();
      await putCredential(db, ring, { kind: TOKEN_CACHE_KIND, owner, secret: cache });
    },
  };
  const client = doctorClient(app, network, plugin);
  try {
    const cached = await client.getTokenCache().getAccountByHomeId(account.homeAccountId);
    if (!cached) return fail("microsoft", label, "its stored sign-in holds no account", signInAgain);
    await withTimeout(
      client.acquireTokenSilent({
        account: cached,
        scopes: [`${side.graphBaseUrl}/${SERVICE_ACCOUNT_PERMISSION}`],
        forceRefresh: true,
      }),
      network.timeoutMs,
      "Entra",
    );
    return ok("microsoft", label, `active, signs in silently (watches ${account.userIds.length} people)`);
  } catch (error) {
    const { problem, fix } = explainEntraError(error, network.timeoutMs);
    const code = (error as { errorCode?: unknown }).errorCode;
    return fail(
      "microsoft",
      label,
      `active in the store, but its sign-in fails: ${problem}`,
      code === "invalid_grant" || code === "interaction_required" ? signInAgain : fix,
    );
  }
}
