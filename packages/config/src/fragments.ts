import { existsSync, readFileSync } from "node:fs";

import { z } from "zod";

/** "true"/"1"/"yes" and "false"/"0"/"no", as people write them in .env files. */
export const zBool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

export const zPort = z.coerce.number().int().min(0).max(65_535);

const zHttpUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" });
const zHttpsUrl = z.url({ protocol: /^https$/, message: "must be an https URL" });
const zPostgresUrl = z.url({ protocol: /^postgres(ql)?$/, message: "must be a postgres:// URL" });

/** `method=calls,…` (e.g. `users.profile.set=100,users.setPresence=40`) → { method: calls }. */
const zMethodRateLimits = z
  .string()
  .default("")
  .transform((text, ctx) => {
    const limits: Record<string, number> = {};
    for (const part of text
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean)) {
      const match = /^([a-z]+(?:\.[A-Za-z]+)+)=([1-9][0-9]{0,6})$/.exec(part);
      if (!match?.[1] || !match[2]) {
        ctx.addIssue({
          code: "custom",
          message: `"${part}" is not method=calls (e.g. users.profile.set=100)`,
        });
        return z.NEVER;
      }
      limits[match[1]] = Number(match[2]);
    }
    return limits;
  });

/** Store and encryption (every app). */
export const databaseEnv = {
  /** Unset → embedded Postgres (PGlite) with data under EMBEDDED_DATABASE_DIR. */
  DATABASE_URL: zPostgresUrl.optional(),
  EMBEDDED_DATABASE_DIR: z.string().optional(),
  EMBEDDED_DATABASE_PORT: zPort.default(54_329),
  /**
   * Connections in each process's store pool (the job queue has its own: WORKER_CONCURRENCY + 2).
   * Lower it to fit more processes into Postgres's max_connections.
   */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  /** 32 random bytes, base64 or hex. Required with DATABASE_URL; the embedded demo makes one under .data/. */
  TOKEN_ENCRYPTION_KEY: z.string().optional(),
  /** Comma-separated keys still accepted for reading during a rotation. */
  TOKEN_ENCRYPTION_OLD_KEYS: z
    .string()
    .optional()
    .transform((value) =>
      value
        ? value
            .split(",")
            .map((k) => k.trim())
            .filter(Boolean)
        : [],
    ),
};

export const commonEnv = {
  ...databaseEnv,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** The public https base URL Slack and Graph call back (events, OAuth redirects, notifications). */
  PUBLIC_BASE_URL: zHttpUrl.optional(),
  /**
   * Apply pending migrations at start (default). false: wait for them to be applied by the one-shot
   * `presence migrate` (docker-compose's migrate service), so replicas never race to migrate.
   */
  MIGRATE_ON_START: zBool.optional(),
  /** Jobs run at once per process. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
};

export const slackEnv = {
  SLACK_SIGNING_SECRET: z.string().min(8).optional(),
  SLACK_CLIENT_ID: z.string().optional(),
  SLACK_CLIENT_SECRET: z.string().optional(),
  /** App-level token (xapp-…): Socket Mode instead of HTTP events. */
  SLACK_APP_TOKEN: z.string().startsWith("xapp-", "must be an app-level token (xapp-…)").optional(),
  /** Web API base; GovSlack: https://slack-gov.com/api/ */
  SLACK_API_URL: zHttpUrl.default("https://slack.com/api/"),
  /** OAuth consent page; GovSlack: https://slack-gov.com/oauth/v2/authorize */
  SLACK_AUTHORIZE_URL: zHttpUrl.default("https://slack.com/oauth/v2/authorize"),
  /** Signs the OAuth `state` (with the browser cookie: CSRF protection). Unset → derived from TOKEN_ENCRYPTION_KEY. */
  SLACK_STATE_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  /**
   * Whose token writes Slack statuses: `off` = each person's own (they connect their Slack account);
   * `fallback` = the installer's Owner/Admin token (users.profile.set user=…) for people who never
   * connected; `always` = that admin token for every status. DND and presence always need the person's
   * own token. Limits: docs/slack-app-setup.md "Admin-token mode".
   */
  SLACK_ADMIN_TOKEN_MODE: z.enum(["off", "fallback", "always"]).default("off"),
  /** Length of Slack's rate-limit window (Slack: one minute). Only tests and emulators change it. */
  SLACK_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** Share of Slack's documented per-minute allowances the bridge spends (1 = all of it). */
  SLACK_RATE_LIMIT_SCALE: z.coerce.number().positive().max(100_000).default(1),
  /**
   * Workspace-wide calls per window for named methods, replacing tier × scale: `method=calls,…`,
   * e.g. `users.profile.set=100` when Slack grants your app more than the tier ("Tier 3: 50+ per
   * minute"), or less when another app shares the budget. Per-person profile limits are unchanged.
   */
  SLACK_METHOD_RATE_LIMITS: zMethodRateLimits,
};

/** The Entra app registration: who the app is and where its tenant signs in (Teams bridge and admin sign-in). */
function entraEnv() {
  return {
    AZURE_TENANT_ID: z.string().optional(),
    AZURE_CLIENT_ID: z.string().optional(),
    AZURE_CLIENT_SECRET: z.string().optional(),
    /** PEM file holding the app's certificate and its private key (instead of a client secret). */
    AZURE_CLIENT_CERTIFICATE_PATH: z.string().optional(),
    AZURE_AUTHORITY_HOST: zHttpsUrl.default("https://login.microsoftonline.com"),
    /**
     * A PEM file of CA certificates to trust, besides the public ones, for Entra and Graph (a TLS-inspecting
     * proxy; the compose demo's emulator). Read at start: the file must exist.
     */
    GRAPH_CA_FILE: z
      .string()
      .optional()
      .refine((path) => path === undefined || existsSync(path), { message: "no such file" })
      .transform((path) => (path === undefined ? undefined : readFileSync(path, "utf8"))),
  };
}

const zSeconds = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * Microsoft Entra + Graph (the Teams bridge). Timing defaults are production-safe; every value is
 * documented in docs/entra-app-setup.md ("Configuration") and docs/adr/0009-teams-bridge.md.
 */
export const azureEnv = {
  ...entraEnv(),
  GRAPH_BASE_URL: zHttpsUrl.default("https://graph.microsoft.com"),
  /** How presence is read where a tenant has no setting of its own: app-only polling, or change notifications. */
  GRAPH_READ_MODE: z.enum(["poll", "notify"]).default("poll"),
  /** Poll mode (and people no service account covers): seconds between two polls of everyone. */
  GRAPH_POLL_INTERVAL_SECONDS: zSeconds(1, 3600).default(15),
  /** Notify mode: seconds between reconciliation polls of the people subscriptions cover (at most 30). */
  GRAPH_RECONCILE_INTERVAL_SECONDS: zSeconds(1, 30).default(30),
  /** Presence reads the bridge allows itself per tenant and 30 s (Graph allows 1,500 for reads and writes together). */
  GRAPH_READ_BUDGET_PER_30_SECONDS: zSeconds(1, 1500).default(600),
  /** Lifetime asked for each presence subscription (Graph grants at most 60, and bumps less than 45 to 45). */
  GRAPH_SUBSCRIPTION_LIFETIME_MINUTES: zSeconds(45, 60).default(60),
  /** A subscription is renewed once this fraction of the lifetime Graph actually granted has passed. */
  GRAPH_SUBSCRIPTION_RENEW_FRACTION: z.coerce.number().min(0.1).max(0.9).default(0.5),
  /** Seconds between two GETs of each subscription (Graph deletes subscriptions without telling). */
  GRAPH_SUBSCRIPTION_CHECK_INTERVAL_SECONDS: zSeconds(1, 3600).default(300),
  /** setPresence expirationDuration of the bridge's session, minutes (PT5M–PT4H). */
  GRAPH_SESSION_EXPIRY_MINUTES: zSeconds(5, 240).default(60),
  /** A held session is posted again this many seconds after the last post; unset = 3/4 of its expiry (45 min of 60). */
  GRAPH_SESSION_REFRESH_SECONDS: zSeconds(1, 14_340).optional(),
  /** A kept-alive Available session is posted again this many seconds after the last post (Graph fades it after 300). */
  GRAPH_KEEPALIVE_INTERVAL_SECONDS: zSeconds(1, 290).default(270),
  /** Minutes between two reads of the Entra directory (users, for linking by e-mail); 0 turns it off. */
  GRAPH_DIRECTORY_SYNC_MINUTES: zSeconds(0, 10_080).default(360),
  /**
   * The Outlook spoke: minutes between two reads of each linked person's calendar (free/busy) and
   * automatic replies, for known meeting and out-of-office end times; 0 turns it off.
   */
  OUTLOOK_READ_INTERVAL_MINUTES: zSeconds(0, 1440).default(15),
  /** How far ahead each Outlook read looks, hours (meetings and out of office known before they start). */
  OUTLOOK_LOOKAHEAD_HOURS: zSeconds(1, 168).default(24),
};

/** The generic webhook spoke (docs/webhook-spoke.md). */
export const webhookEnv = {
  /** Seconds a delivery to a system may take (connect, send, answer) before it counts as failed and is retried. */
  WEBHOOK_DELIVERY_TIMEOUT_SECONDS: zSeconds(1, 60).default(10),
  /** Attempts per delivery before it is given up ("failed" in the audit trail); retries back off exponentially. */
  WEBHOOK_MAX_ATTEMPTS: zSeconds(1, 25).default(12),
  /** How far a request's X-Presence-Timestamp may be from the bridge's clock, seconds (replay window). */
  WEBHOOK_TIMESTAMP_TOLERANCE_SECONDS: zSeconds(30, 3600).default(300),
  /** Seconds a system that receives a state may take to report it back (dropped as an echo meanwhile). */
  WEBHOOK_ECHO_TTL_SECONDS: zSeconds(10, 3600).default(120),
};

export const adminEnv = {
  /** Bearer token for the admin API (scripts); without it only local callers of the zero-config demo are served. */
  ADMIN_API_TOKEN: z.string().min(24, "must be at least 24 characters (openssl rand -hex 24)").optional(),
  /** Where browsers reach the admin UI (sign-in redirect URIs, CSRF origin). Unset → PUBLIC_BASE_URL, else the app's own address. */
  ADMIN_BASE_URL: zHttpUrl.optional(),
  /** Host names the admin UI and API answer to (DNS-rebinding protection), comma-separated; the base URL's and loopback always. */
  ADMIN_ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    ),
  /**
   * Reverse proxies in front of the admin app whose `X-Forwarded-For` names the browser (addresses, CIDR
   * ranges or loopback / linklocal / uniquelocal), comma-separated; the sign-in rate limit then counts per
   * browser rather than per proxy. Unset: no proxy is trusted.
   */
  ADMIN_TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    ),
  /** A sign-in lasts at most this long … */
  ADMIN_SESSION_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  /** … and ends after this long without a request. */
  ADMIN_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(43_200).default(120),
};

/** What the admin app needs of the Slack app: "Sign in with Slack" (OpenID Connect). */
export const slackSignInEnv = {
  SLACK_CLIENT_ID: slackEnv.SLACK_CLIENT_ID,
  SLACK_CLIENT_SECRET: slackEnv.SLACK_CLIENT_SECRET,
  SLACK_API_URL: slackEnv.SLACK_API_URL,
  SLACK_AUTHORIZE_URL: slackEnv.SLACK_AUTHORIZE_URL,
};

/** What the admin app needs of the Entra app: Microsoft sign-in (OpenID Connect). */
export const entraSignInEnv = entraEnv();
