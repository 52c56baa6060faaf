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
