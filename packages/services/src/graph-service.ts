import { BridgeError } from "@presence/core";
import type { Db, GraphServiceAccount, KeyRing } from "@presence/db";

import { issueConnectLink } from "./connect-state.ts";

export const GRAPH_READ_MODES = ["poll", "notify"] as const;
export type GraphReadMode = (typeof GRAPH_READ_MODES)[number];

/**
 * The link an admin opens to sign a Microsoft service account in for the Teams bridge's notify mode
 * (served by the Teams bridge at /graph/service-accounts/connect; valid 30 minutes, once).
 */
export async function serviceAccountSignInLink(
  db: Db,
  ring: KeyRing,
  publicBaseUrl: string | undefined,
  options: { loginHint?: string; now?: number } = {},
): Promise<string> {
  if (!publicBaseUrl)
    throw new BridgeError("config", "PUBLIC_BASE_URL is not set: it is where the Teams bridge is reached");
  const state = await issueConnectLink(db, ring, { connect: "microsoft-service-account" }, options.now);
  const url = new URL("/graph/service-accounts/connect", publicBaseUrl);
  url.searchParams.set("state", state);
  if (options.loginHint) url.searchParams.set("login_hint", options.loginHint);
  return url.toString();
}

/** The signed-in service accounts, oldest first (the order blocks of people are filled in). */
export async function listGraphServiceAccounts(db: Db): Promise<GraphServiceAccount[]> {
  return db.graphServiceAccount.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

/**
 * Sets how the Teams bridge reads a tenant's presence ("poll", "notify", or null for the
 * GRAPH_READ_MODE setting). Without a tenant id, the one tenant the bridge knows.
 */
export async function setGraphReadMode(
  db: Db,
  mode: GraphReadMode | null,
  tenantId?: string,
): Promise<{ tenantId: string; readMode: string | null }> {
  const tenant = await resolveTenant(db, tenantId);
  return db.entraTenant.update({
    where: { tenantId: tenant },
    data: { readMode: mode },
    select: { tenantId: true, readMode: true },
  });
}

async function resolveTenant(db: Db, tenantId: string | undefined): Promise<string> {
  if (tenantId) {
    const found = await db.entraTenant.findUnique({ where: { tenantId: tenantId.toLowerCase() } });
    if (!found) throw new BridgeError("not_found", `The Teams bridge has not seen tenant ${tenantId}`);
    return found.tenantId;
  }
  const tenants = await db.entraTenant.findMany({ select: { tenantId: true } });
  if (tenants.length === 1 && tenants[0]) return tenants[0].tenantId;
  throw new BridgeError(
    tenants.length === 0 ? "not_found" : "invalid_input",
    tenants.length === 0
      ? "The Teams bridge has not started yet: no tenant is known"
      : "Several tenants: name one with --tenant",
  );
}
