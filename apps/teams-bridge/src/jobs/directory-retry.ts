import type { BridgeError } from "@presence/core";

/** The first retry after Graph or Entra could not be reached (a bridge started before its network or proxy). */
export const DIRECTORY_UNREACHABLE_RETRY_MS = 30_000;
/** The longest wait after any other failure (a missing permission an admin may grant meanwhile). */
export const DIRECTORY_FAILED_RETRY_MS = 5 * 60_000;

/**
 * How long the directory read waits after a failed one: Graph's Retry-After when it throttled; soon when
 * Graph or Entra could not be reached, so people can be linked minutes after a bridge that started first
 * (the compose demo's emulators start beside it); otherwise up to five minutes. Never longer than the
 * regular interval between two reads.
 */
export function directoryRetryMs(error: BridgeError, syncIntervalMs: number): number {
  if (error.code === "rate_limited") return error.retryAfterMs ?? 60_000;
  const wait =
    error.code === "upstream_unavailable" ? DIRECTORY_UNREACHABLE_RETRY_MS : DIRECTORY_FAILED_RETRY_MS;
  return Math.min(syncIntervalMs, wait);
}
