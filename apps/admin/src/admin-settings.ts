import { BridgeError } from "@presence/core";
import { readAppCredential, type EntraApp } from "@presence/entra";
import proxyaddr from "proxy-addr";

/** The configuration names the admin app reads (a subset of the admin and all-in-one envs). */
export interface AdminConfig {
  ADMIN_API_TOKEN?: string | undefined;
  ADMIN_BASE_URL?: string | undefined;
  ADMIN_ALLOWED_HOSTS: string[];
  ADMIN_TRUSTED_PROXIES: string[];
  ADMIN_SESSION_HOURS: number;
  ADMIN_SESSION_IDLE_MINUTES: number;
  PUBLIC_BASE_URL?: string | undefined;
  AZURE_TENANT_ID?: string | undefined;
  AZURE_CLIENT_ID?: string | undefined;
  AZURE_CLIENT_SECRET?: string | undefined;
  AZURE_CLIENT_CERTIFICATE_PATH?: string | undefined;
  AZURE_AUTHORITY_HOST: string;
  SLACK_CLIENT_ID?: string | undefined;
  SLACK_CLIENT_SECRET?: string | undefined;
  SLACK_API_URL: string;
  SLACK_AUTHORIZE_URL: string;
}

/** "Sign in with Slack": the Slack app's OAuth client and Slack's hosts. */
export interface SlackSignIn {
  clientId: string;
  clientSecret: string;
  apiUrl: string;
  /** `https://slack.com/openid/connect/authorize` (or the same path on GovSlack / the emulator). */
  authorizeUrl: string;
}

export interface AdminSettings {
  apiToken: string | undefined;
  /** Where browsers reach the admin UI, without a trailing slash. */
  baseUrl: string;
  /** Host names (without port) the admin routes answer to. */
  allowedHosts: ReadonlySet<string>;
  /** Reverse proxies whose X-Forwarded-For names the browser (proxy-addr's trust list). */
  trustedProxies: readonly string[];
  sessionLifetimeMs: number;
  sessionIdleMs: number;
  /** Microsoft sign-in; null when no Entra app is configured. */
  microsoft: EntraApp | null;
  slack: SlackSignIn | null;
  /**
   * The zero-config demo: both Slack and Microsoft are the built-in emulators, so local callers
   * may use the API without a token. Never true once either side is real.
   */
  demo: boolean;
}

const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/**
 * Checks the admin configuration as a whole and names each problem. `ownUrl` is the address the
 * process listens on (the default base URL when neither ADMIN_BASE_URL nor PUBLIC_BASE_URL is set).
 */
export function resolveAdminSettings(config: AdminConfig, ownUrl: string, demo: boolean): AdminSettings {
  const baseUrl = (config.ADMIN_BASE_URL ?? config.PUBLIC_BASE_URL ?? ownUrl).replace(/\/+$/, "");
  const problems: string[] = [];
  const hasEntra = Boolean(config.AZURE_TENANT_ID || config.AZURE_CLIENT_ID);
  if (hasEntra && (!config.AZURE_TENANT_ID || !config.AZURE_CLIENT_ID))
    problems.push("AZURE_TENANT_ID and AZURE_CLIENT_ID: both are needed for Microsoft sign-in");
  if (hasEntra && !config.AZURE_CLIENT_SECRET && !config.AZURE_CLIENT_CERTIFICATE_PATH)
    problems.push(
      "AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH: one is required for Microsoft sign-in",
    );
  if (Boolean(config.SLACK_CLIENT_ID) !== Boolean(config.SLACK_CLIENT_SECRET))
    problems.push("SLACK_CLIENT_ID and SLACK_CLIENT_SECRET: both are needed for Sign in with Slack");
  const trusted = checkTrustedProxies(config.ADMIN_TRUSTED_PROXIES);
  if (trusted) problems.push(trusted);
  if (problems.length > 0)
    throw new BridgeError("config", `Invalid configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);

  const microsoft: EntraApp | null =
    config.AZURE_TENANT_ID && config.AZURE_CLIENT_ID
      ? {
          tenantId: config.AZURE_TENANT_ID.toLowerCase(),
          clientId: config.AZURE_CLIENT_ID,
          credential: readAppCredential({
            ...(config.AZURE_CLIENT_SECRET ? { secret: config.AZURE_CLIENT_SECRET } : {}),
            ...(config.AZURE_CLIENT_CERTIFICATE_PATH
              ? { certificatePath: config.AZURE_CLIENT_CERTIFICATE_PATH }
              : {}),
          }),
          authorityHost: config.AZURE_AUTHORITY_HOST.replace(/\/+$/, ""),
        }
      : null;
  const slack: SlackSignIn | null =
    config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET
      ? {
          clientId: config.SLACK_CLIENT_ID,
          clientSecret: config.SLACK_CLIENT_SECRET,
          apiUrl: config.SLACK_API_URL,
          authorizeUrl: new URL("/openid/connect/authorize", config.SLACK_AUTHORIZE_URL).toString(),
        }
      : null;
  return {
    apiToken: config.ADMIN_API_TOKEN,
    baseUrl,
    allowedHosts: new Set([
      new URL(baseUrl).hostname.toLowerCase(),
      ...LOOPBACK_HOSTS,
      ...config.ADMIN_ALLOWED_HOSTS.map((host) => host.replace(/:\d+$/, "")),
    ]),
    trustedProxies: config.ADMIN_TRUSTED_PROXIES,
    sessionLifetimeMs: config.ADMIN_SESSION_HOURS * 3_600_000,
    sessionIdleMs: config.ADMIN_SESSION_IDLE_MINUTES * 60_000,
    microsoft,
    slack,
    demo,
  };
}

/** A problem with ADMIN_TRUSTED_PROXIES (an entry that is no address, range or known name), or null. */
function checkTrustedProxies(entries: readonly string[]): string | null {
  try {
    proxyaddr.compile([...entries]);
    return null;
  } catch (error) {
    return `ADMIN_TRUSTED_PROXIES: ${error instanceof Error ? error.message : String(error)}`;
  }
}
