import { pino, type Logger, type LoggerOptions } from "pino";

export type { Logger };

const SECRET_KEYS = [
  "token",
  "botToken",
  "userToken",
  "appToken",
  "accessToken",
  "refreshToken",
  "access_token",
  "refresh_token",
  "id_token",
  "clientSecret",
  "client_secret",
  "client_assertion",
  "secret",
  "password",
  "clientState",
  "ciphertext",
  "authorization",
  "cookie",
  "x-slack-signature",
];

/**
 * Paths whose values never reach a log line: tokens, secrets, signatures, cookies — by key, at the
 * top level and up to three levels down (`{ token }`, `{ installation: { user: { token } } }`,
 * `{ req: { headers: { authorization } } }`).
 */
export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => {
  const segment = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const join = (prefix: string) => (segment.startsWith("[") ? `${prefix}${segment}` : `${prefix}.${segment}`);
  return [segment.startsWith("[") ? `${segment}` : segment, join("*"), join("*.*"), join("*.*.*")];
});

/** Values that look like tokens are masked even where the key is unknown (in messages and strings). */
const TOKEN_PATTERN =
  /\b(xox[abcposer]-[\w-]+|xoxe\.[\w.-]+|xapp-[\w-]+|eyJ[\w-]+\.[\w-]+\.[\w-]+|(?:Bearer|Basic)\s+[\w.~+/=-]+)/gi;

export function maskTokens(text: string): string {
  return text.replace(TOKEN_PATTERN, (match) => `${match.slice(0, 5)}…[redacted]`);
}

const SECRET_KEY_SET = new Set(SECRET_KEYS.map((key) => key.toLowerCase()));
const MAX_DEPTH = 8;

/**
 * A copy of a log value with every secret gone, however deep and however its key is spelt
 * (`Authorization`, `AUTHORIZATION`): keys of secrets are censored, token-shaped strings masked.
 * Errors keep their type, message, stack, code and cause (serialised the same way).
 */
export function maskDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return maskTokens(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  if (value instanceof Error) {
    const error = value as Error & Record<string, unknown>;
    const out: Record<string, unknown> = { type: error.name, message: maskTokens(error.message) };
    if (error.stack) out.stack = maskTokens(error.stack);
    for (const [key, field] of Object.entries(error))
      out[key] = SECRET_KEY_SET.has(key.toLowerCase()) ? "[redacted]" : maskDeep(field, depth + 1, seen);
    if (error.cause !== undefined) out.cause = maskDeep(error.cause, depth + 1, seen);
    return out;
  }
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, depth + 1, seen));
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value))
    out[key] = SECRET_KEY_SET.has(key.toLowerCase()) ? "[redacted]" : maskDeep(field, depth + 1, seen);
  return out;
}

export interface CreateLoggerOptions {
  service: string;
  level?: LoggerOptions["level"];
  /** Where lines go; standard output by default (tests pass a stream). */
  destination?: NodeJS.WritableStream;
}

/** A JSON logger for one service, with secrets redacted by key and token-shaped strings masked. */
export function createLogger({ service, level = "info", destination }: CreateLoggerOptions): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((arg) => (typeof arg === "string" ? maskTokens(arg) : arg));
        method.apply(this, masked as Parameters<typeof method>);
      },
    },
    formatters: {
      level: (label) => ({ level: label }),
      // Every logged object, errors included (message, stack, cause, any field), any key's case.
      log: (object) => maskDeep(object) as Record<string, unknown>,
    },
    serializers: { err: (error: unknown) => maskDeep(error) },
  };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}
