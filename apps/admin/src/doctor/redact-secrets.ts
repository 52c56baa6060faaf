import { maskTokens } from "@presence/telemetry";

import type { CheckResult } from "./check-result.ts";

/** Variables whose values are secrets, in whole or (DATABASE_URL) in part. */
const SECRET_VARIABLES = [
  "TOKEN_ENCRYPTION_KEY",
  "SLACK_SIGNING_SECRET",
  "SLACK_CLIENT_SECRET",
  "SLACK_APP_TOKEN",
  "SLACK_STATE_SECRET",
  "AZURE_CLIENT_SECRET",
  "ADMIN_API_TOKEN",
] as const;

/**
 * A last guard on every line the doctor prints: the configured secrets' values (and DATABASE_URL's
 * password) replaced wherever they appear, and anything shaped like a token masked.
 */
export function secretRedactor(env: NodeJS.ProcessEnv): (result: CheckResult) => CheckResult {
  const secrets = [
    ...SECRET_VARIABLES.map((name) => env[name]),
    ...(env.TOKEN_ENCRYPTION_OLD_KEYS ?? "").split(","),
    databasePassword(env.DATABASE_URL),
  ]
    .map((value) => value?.trim() ?? "")
    .filter((value) => value.length >= 4)
    .sort((a, b) => b.length - a.length);
  const redact = (text: string) =>
    maskTokens(secrets.reduce((out, secret) => out.split(secret).join("[redacted]"), text));
  return (result) => ({
    ...result,
    message: redact(result.message),
    ...(result.fix === undefined ? {} : { fix: redact(result.fix) }),
  });
}

function databasePassword(url: string | undefined): string | undefined {
  try {
    return url ? decodeURIComponent(new URL(url).password) || undefined : undefined;
  } catch {
    return undefined;
  }
}
