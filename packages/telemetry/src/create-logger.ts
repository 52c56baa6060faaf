import { pino, type Logger, type LoggerOptions } from "pino";

export type { Logger };

/**
 * Paths whose values never reach a log line: tokens, secrets, signatures, cookies. Matching is by
 * key at any of the listed depths, so `{ token }`, `{ installation: { bot: { token } } }` and
 * request headers are all covered.
 */
export const REDACTED_PATHS = [
  "*.token",
  "*.*.token",
  "*.*.*.token",
  "*.accessToken",
  "*.refreshToken",
  "*.access_token",
  "*.refresh_token",
  "*.*.access_token",
  "*.*.refresh_token",
  "*.clientSecret",
  "*.client_secret",
  "*.secret",
  "*.password",
  "*.clientState",
  "*.ciphertext",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
  "*.headers['x-slack-signature']",
  "req.headers.authorization",
  "req.headers.cookie",
];

/** Values that look like tokens are masked even where the key is unknown (in messages and strings). */
const TOKEN_PATTERN =
  /\b(xox[abposer]-[\w-]+|xoxe\.[\w.-]+|xapp-[\w-]+|eyJ[\w-]+\.[\w-]+\.[\w-]+|Bearer\s+[\w.~+/=-]+)/g;

export function maskTokens(text: string): string {
  return text.replace(TOKEN_PATTERN, (match) => `${match.slice(0, 5)}…[redacted]`);
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
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: pino.stdSerializers.err },
  };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}
