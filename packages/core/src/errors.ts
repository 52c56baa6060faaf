/**
 * The one error type of the project. Every failure that crosses a module boundary is a BridgeError
 * with one of these closed codes, so callers can decide (retry, re-auth, alert) without parsing text.
 */
export const BRIDGE_ERROR_CODES = [
  /** Input failed validation (config, CLI argument, API body, webhook payload). */
  "invalid_input",
  /** Something referenced does not exist (person, link, installation). */
  "not_found",
  /** The operation conflicts with existing state (already linked, duplicate). */
  "conflict",
  /** The upstream API asked us to slow down; `retryAfterMs` says for how long. */
  "rate_limited",
  /** A token is invalid, revoked or belongs to a deactivated account: the link needs re-auth. */
  "auth_revoked",
  /** The token works but lacks a permission or scope: an admin must act. */
  "missing_permission",
  /** The upstream service failed or could not be reached; retrying may help. */
  "upstream_unavailable",
  /** The upstream service rejected the request as invalid; retrying will not help. */
  "upstream_rejected",
  /** Configuration is missing or invalid. */
  "config",
  /** A bug or an unexpected state. */
  "internal",
] as const;

export type BridgeErrorCode = (typeof BRIDGE_ERROR_CODES)[number];

const RETRYABLE: ReadonlySet<BridgeErrorCode> = new Set(["rate_limited", "upstream_unavailable", "internal"]);

export interface BridgeErrorOptions {
  cause?: unknown;
  retryAfterMs?: number;
  details?: Record<string, unknown>;
}

export class BridgeError extends Error {
  override readonly name = "BridgeError";
  readonly code: BridgeErrorCode;
  readonly retryAfterMs: number | undefined;
  readonly details: Record<string, unknown>;

  constructor(code: BridgeErrorCode, message: string, options: BridgeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details ?? {};
  }

  /** Whether trying the same operation again later may succeed. */
  get isRetryable(): boolean {
    return RETRYABLE.has(this.code);
  }

  /** Wraps anything thrown into a BridgeError (unknown errors become `internal`). */
  static from(error: unknown): BridgeError {
    if (error instanceof BridgeError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new BridgeError("internal", message, { cause: error });
  }
}

export function isBridgeError(error: unknown, code?: BridgeErrorCode): error is BridgeError {
  return error instanceof BridgeError && (code === undefined || error.code === code);
}
