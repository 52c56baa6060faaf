import type { Response } from "express";
import { clientRequestId, requestId } from "../http-context.ts";

/**
 * Token-endpoint errors (reference §6.1): `{error, error_description, error_codes, timestamp, trace_id,
 * correlation_id}`, the description starting `AADSTS<code>: ` and ending with the trace and correlation ids.
 */
export interface EntraErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  suberror?: string;
}

export function entraTimestamp(date = new Date()): string {
  return date
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, "Z");
}

export function sendEntraError(
  res: Response,
  input: {
    status?: number;
    error: string;
    code: number;
    message: string;
    suberror?: string;
    retryAfterS?: number;
  },
): void {
  const traceId = requestId(res);
  const correlationId = clientRequestId(res);
  const timestamp = entraTimestamp();
  const body: EntraErrorBody = {
    error: input.error,
    error_description: `AADSTS${input.code}: ${input.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [input.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    ...(input.suberror === undefined ? {} : { suberror: input.suberror }),
  };
  if (input.retryAfterS !== undefined) res.setHeader("Retry-After", String(input.retryAfterS));
  res.setHeader("Cache-Control", "no-store, no-cache");
  res.status(input.status ?? 400).json(body);
}

export class EntraError extends Error {
  constructor(
    readonly error: string,
    readonly code: number,
    message: string,
    readonly status = 400,
    readonly suberror?: string,
  ) {
    super(message);
  }
}

/**
 * AADSTS50057 UserDisabled (the account's `accountEnabled` is false), with the description Entra sends on the wire;
 * the token endpoint answers it as `invalid_grant`.
 */
export const USER_DISABLED_MESSAGE = "User account is disabled.";

export function userDisabledError(): EntraError {
  return new EntraError("invalid_grant", 50057, USER_DISABLED_MESSAGE);
}
