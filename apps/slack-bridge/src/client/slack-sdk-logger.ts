import type { Logger as PinoLogger } from "@presence/telemetry";
import { LogLevel, type Logger } from "@slack/bolt";

/**
 * The Slack SDKs' Logger interface on top of the bridge's pino logger, so Bolt, web-api and
 * socket-mode lines are JSON lines with the same redaction. The SDKs' `setLevel` calls are ignored:
 * LOG_LEVEL decides.
 */
export function slackSdkLogger(logger: PinoLogger): Logger {
  const text = (parts: unknown[]) => parts.map((p) => (typeof p === "string" ? p : String(p))).join(" ");
  return {
    debug: (...parts: unknown[]) => logger.debug(text(parts)),
    info: (...parts: unknown[]) => logger.debug(text(parts)),
    warn: (...parts: unknown[]) => logger.warn(text(parts)),
    error: (...parts: unknown[]) => logger.error(text(parts)),
    setLevel: () => undefined,
    getLevel: () => sdkLevel(logger.level),
    setName: () => undefined,
  };
}

function sdkLevel(level: string): LogLevel {
  if (level === "debug" || level === "trace") return LogLevel.DEBUG;
  if (level === "info") return LogLevel.INFO;
  if (level === "warn") return LogLevel.WARN;
  return LogLevel.ERROR;
}
