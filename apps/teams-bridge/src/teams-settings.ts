import { BridgeError, clampSessionMinutes } from "@presence/core";
import { readAppCredential, type AppCredential } from "@presence/entra";

import type { TeamsBridgeConfig } from "./env.ts";
import { identifyCloud, normalise, type CloudProfile } from "./client/national-clouds.ts";

export type ReadMode = "poll" | "notify";

/** Every timing the bridge works with, in milliseconds (from the GRAPH_* settings). */
export interface TeamsTiming {
  pollIntervalMs: number;
  reconcileIntervalMs: number;
  readBudgetPer30s: number;
  subscriptionLifetimeMinutes: number;
  subscriptionRenewFraction: number;
  subscriptionCheckIntervalMs: number;
  sessionExpiryMinutes: number;
  sessionRefreshMs: number;
  keepAliveIntervalMs: number;
  /** How often the bridge looks for held states due for a refresh (derived). */
  holdRefreshTickMs: number;
  directorySyncMs: number;
  /** The Outlook spoke: between two reads of each person's calendar; 0 = off. */
  outlookReadIntervalMs: number;
  /** How far ahead an Outlook read looks. */
  outlookLookAheadMs: number;
}

/** The Teams bridge's validated settings: who it is, where Microsoft is, and its timing. */
export interface TeamsSettings {
  tenantId: string;
  clientId: string;
  credential: AppCredential;
  /** `https://login…` origin (msal authority host and knownAuthorities entry). */
  authorityHost: string;
  /** `https://graph…` origin, without version. */
  graphBaseUrl: string;
  cloud: CloudProfile;
  /** Public https base URL Graph and browsers reach the bridge at (notify mode, sign-in); null when unset. */
  publicBaseUrl: string | null;
  defaultReadMode: ReadMode;
  timing: TeamsTiming;
}

const AZURE_IDENTITY = [
  "AZURE_TENANT_ID",
  "AZURE_CLIENT_ID",
  "AZURE_CLIENT_SECRET",
  "AZURE_CLIENT_CERTIFICATE_PATH",
] as const;

/** Whether any Microsoft identity is configured (none at all → the standalone demo runs the emulator). */
export function hasMicrosoftIdentity(config: TeamsBridgeConfig): boolean {
  return AZURE_IDENTITY.some((name) => Boolean(config[name]));
}

/**
 * Checks the configuration as a whole (zod checks each variable): a tenant and client id, a secret or
 * a certificate, a cloud that has presence, and timings that fit together. Throws a `config`
 * BridgeError naming each problem.
 */
export function resolveTeamsSettings(config: TeamsBridgeConfig): TeamsSettings {
  const problems: string[] = [];
  if (!config.AZURE_TENANT_ID) problems.push("AZURE_TENANT_ID: is required but not set");
  if (!config.AZURE_CLIENT_ID) problems.push("AZURE_CLIENT_ID: is required but not set");
  if (!config.AZURE_CLIENT_SECRET && !config.AZURE_CLIENT_CERTIFICATE_PATH)
    problems.push("AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH: one is required");
  const sessionExpiryMinutes = clampSessionMinutes(config.GRAPH_SESSION_EXPIRY_MINUTES);
  const sessionRefreshSeconds = config.GRAPH_SESSION_REFRESH_SECONDS ?? sessionExpiryMinutes * 45;
  if (sessionRefreshSeconds >= sessionExpiryMinutes * 60)
    problems.push(
      `GRAPH_SESSION_REFRESH_SECONDS: must be less than GRAPH_SESSION_EXPIRY_MINUTES (${sessionExpiryMinutes} min), or the session lapses before it is posted again`,
    );
  const cloud = identifyCloud(config.AZURE_AUTHORITY_HOST, config.GRAPH_BASE_URL);
  if (!cloud.presence)
    problems.push(
      `GRAPH_BASE_URL: Microsoft Graph in ${cloud.name} has no presence APIs; the Teams bridge cannot run there`,
    );
  if (problems.length > 0)
    throw new BridgeError("config", `Invalid configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);

  const keepAliveIntervalMs = config.GRAPH_KEEPALIVE_INTERVAL_SECONDS * 1000;
  const sessionRefreshMs = sessionRefreshSeconds * 1000;
  return {
    tenantId: String(config.AZURE_TENANT_ID).toLowerCase(),
    clientId: String(config.AZURE_CLIENT_ID),
    credential: readAppCredential({
      ...(config.AZURE_CLIENT_SECRET ? { secret: config.AZURE_CLIENT_SECRET } : {}),
      ...(config.AZURE_CLIENT_CERTIFICATE_PATH
        ? { certificatePath: config.AZURE_CLIENT_CERTIFICATE_PATH }
        : {}),
    }),
    authorityHost: normalise(config.AZURE_AUTHORITY_HOST),
    graphBaseUrl: normalise(config.GRAPH_BASE_URL),
    cloud,
    publicBaseUrl: config.PUBLIC_BASE_URL ? config.PUBLIC_BASE_URL.replace(/\/+$/, "") : null,
    defaultReadMode: config.GRAPH_READ_MODE,
    timing: {
      pollIntervalMs: config.GRAPH_POLL_INTERVAL_SECONDS * 1000,
      reconcileIntervalMs: config.GRAPH_RECONCILE_INTERVAL_SECONDS * 1000,
      readBudgetPer30s: config.GRAPH_READ_BUDGET_PER_30_SECONDS,
      subscriptionLifetimeMinutes: config.GRAPH_SUBSCRIPTION_LIFETIME_MINUTES,
      subscriptionRenewFraction: config.GRAPH_SUBSCRIPTION_RENEW_FRACTION,
      subscriptionCheckIntervalMs: config.GRAPH_SUBSCRIPTION_CHECK_INTERVAL_SECONDS * 1000,
      sessionExpiryMinutes,
      sessionRefreshMs,
      keepAliveIntervalMs,
      holdRefreshTickMs: Math.min(30_000, Math.max(250, Math.min(keepAliveIntervalMs, sessionRefreshMs) / 4)),
      directorySyncMs: config.GRAPH_DIRECTORY_SYNC_MINUTES * 60_000,
      outlookReadIntervalMs: config.OUTLOOK_READ_INTERVAL_MINUTES * 60_000,
      outlookLookAheadMs: config.OUTLOOK_LOOKAHEAD_HOURS * 3_600_000,
    },
  };
}
