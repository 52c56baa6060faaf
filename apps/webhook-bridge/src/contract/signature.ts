import { createHmac, timingSafeEqual } from "node:crypto";

/*
 * The webhook contract's signature, the same both ways (docs/webhook-spoke.md, "Signatures"):
 *   X-Presence-Timestamp: <unix seconds>
 *   X-Presence-Signature: v1=<hex HMAC-SHA256(secret, "v1:" + timestamp + ":" + raw body)>
 * The key is the connection's secret exactly as shown (its characters' UTF-8 bytes, not hex-decoded).
 */

export const TIMESTAMP_HEADER = "x-presence-timestamp";
export const SIGNATURE_HEADER = "x-presence-signature";
export const IDEMPOTENCY_HEADER = "idempotency-key";

const VERSION = "v1";

/** The `X-Presence-Signature` value for a body sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, timestamp: string | number, rawBody: string | Buffer): string {
  return `${VERSION}=${digest(secret, String(timestamp), rawBody).toString("hex")}`;
}

/**
 * Whether `header` holds a valid signature of the body (compared in constant time). Several comma-separated
 * signatures are accepted, so a sender may sign with two secrets while it changes over.
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  rawBody: string | Buffer,
  header: string,
): boolean {
  const expected = digest(secret, timestamp, rawBody);
  let valid = false;
  for (const part of header.split(",")) {
    const [version, hex] = part.trim().split("=", 2);
    if (version !== VERSION || hex === undefined || !/^[0-9a-f]{64}$/i.test(hex)) continue;
    // No early exit: every candidate is compared.
    if (timingSafeEqual(Buffer.from(hex, "hex"), expected)) valid = true;
  }
  return valid;
}

function digest(secret: string, timestamp: string, rawBody: string | Buffer): Buffer {
  return createHmac("sha256", secret)
    .update(`${VERSION}:${timestamp}:`)
    .update(typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody)
    .digest();
}
