import {
  IDEMPOTENCY_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
} from "../contract/signature.ts";

/** A report signed as a system would sign it (override any header to break it). */
export function signedReport(
  secret: string,
  body: string,
  options: { timestamp?: number; idempotencyKey?: string } = {},
): Record<string, string> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  return {
    "content-type": "application/json",
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
    [IDEMPOTENCY_HEADER]: options.idempotencyKey ?? `key-${Math.random().toString(36).slice(2)}`,
  };
}
