import type { IncomingHttpHeaders } from "node:http";

import {
  verifyWebhookSignature,
  IDEMPOTENCY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from "../contract/signature.ts";

/** Why a request is refused, with the status it gets (nothing is stored for it). */
export interface Refusal {
  status: 400 | 401;
  error: "unauthorized" | "invalid_input";
  message: string;
}

/** 1–200 visible ASCII characters (no spaces). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Checks the timestamp and the signature of a request (401 when either fails). */
export function checkSignature(
  headers: IncomingHttpHeaders,
  rawBody: Buffer,
  secret: string,
  now: number,
  toleranceSeconds: number,
): Refusal | null {
  const timestamp = single(headers[TIMESTAMP_HEADER]);
  const signature = single(headers[SIGNATURE_HEADER]);
  if (!timestamp || !/^\d{1,12}$/.test(timestamp))
    return unauthorized("X-Presence-Timestamp is missing or not unix seconds");
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds)
    return unauthorized(
      `X-Presence-Timestamp is more than ${toleranceSeconds} seconds from the bridge's clock`,
    );
  if (!signature) return unauthorized("X-Presence-Signature is missing");
  if (!verifyWebhookSignature(secret, timestamp, rawBody, signature))
    return unauthorized("X-Presence-Signature does not match the body");
  return null;
}

/** The request's Idempotency-Key, or why it is refused (400). */
export function idempotencyKey(headers: IncomingHttpHeaders): { key: string } | Refusal {
  const key = single(headers[IDEMPOTENCY_HEADER]);
  if (!key || !IDEMPOTENCY_KEY.test(key))
    return {
      status: 400,
      error: "invalid_input",
      message: "Idempotency-Key is required: 1–200 visible ASCII characters, the same on every retry",
    };
  return { key };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

function unauthorized(message: string): Refusal {
  return { status: 401, error: "unauthorized", message };
}
