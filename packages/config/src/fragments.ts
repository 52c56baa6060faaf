import { z } from "zod";

/** "true"/"1"/"yes" and "false"/"0"/"no", as people write them in .env files. */
export const zBool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

export const zPort = z.coerce.number().int().min(0).max(65_535);

const zHttpUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" });
const zHttpsUrl = z.url({ protocol: /^https$/, message: "must be an https URL" });
const zPostgresUrl = z.url({ protocol: /^postgres(ql)?$/, message: "must be a postgres:// URL" });

/** Store and encryption (every app). */
export const databaseEnv = {
  /** Unset → embedded Postgres (PGlite) with data under EMBEDDED_DATABASE_DIR. */
  DATABASE_URL: zPostgresUrl.optional(),
  EMBEDDED_DATABASE_DIR: z.string().optional(),
  EMBEDDED_DATABASE_PORT: zPort.default(54_329),
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
  SLACK_RATE_LIMIT_SCALE: z.coerce.number().positive().max(100).default(1),
};

export const azureEnv = {
  AZURE_TENANT_ID: z.string().optional(),
  AZURE_CLIENT_ID: z.string().optional(),
  AZURE_CLIENT_SECRET: z.string().optional(),
  AZURE_CLIENT_CERTIFICATE_PATH: z.string().optional(),
  AZURE_AUTHORITY_HOST: zHttpsUrl.default("https://login.microsoftonline.com"),
  GRAPH_BASE_URL: zHttpsUrl.default("https://graph.microsoft.com"),
};
