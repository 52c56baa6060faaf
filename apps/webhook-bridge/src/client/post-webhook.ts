/*
 * The outbound HTTP client of the webhook spoke: one signed POST, with a timeout, redirects not followed
 * (a redirect could carry the signed state elsewhere), the answer's body never read. The outcome says what
 * the delivery job does next.
 */

export type DeliveryOutcome =
  /** 2xx: the system has it. */
  | { kind: "delivered"; status: number }
  /** 410 Gone: the system wants no more deliveries (the connection is turned off). */
  | { kind: "gone"; status: number }
  /** 429: try again at Retry-After. */
  | { kind: "rate_limited"; status: number; retryAfterMs: number }
  /** 5xx, 408, a timeout or a network failure: retried with backoff. */
  | { kind: "retry"; status: number | null; reason: string }
  /** Any other answer (3xx, 4xx): retrying would not help. */
  | { kind: "rejected"; status: number; reason: string };

export interface SignedPost {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  now: number;
}

/** Retry-After when a 429 names none, and the longest one heeded. */
export const DEFAULT_RETRY_AFTER_MS = 60_000;
const MAX_RETRY_AFTER_MS = 3_600_000;

export async function postWebhook(post: SignedPost): Promise<DeliveryOutcome> {
  let response: Response;
  try {
    response = await fetch(post.url, {
      method: "POST",
      body: post.body,
      headers: {
        "content-type": "application/json",
        "user-agent": "presence-bridge-webhook/1",
        ...post.headers,
      },
      redirect: "manual",
      signal: AbortSignal.timeout(post.timeoutMs),
    });
  } catch (error) {
    return { kind: "retry", status: null, reason: failureReason(error, post.timeoutMs) };
  }
  // The body is not needed: release the connection.
  await response.body?.cancel().catch(() => undefined);
  const status = response.status;
  if (status >= 200 && status < 300) return { kind: "delivered", status };
  if (status === 410) return { kind: "gone", status };
  if (status === 429)
    return {
      kind: "rate_limited",
      status,
      retryAfterMs: retryAfterMs(response.headers.get("retry-after"), post.now),
    };
  if (status >= 500 || status === 408) return { kind: "retry", status, reason: `HTTP ${status}` };
  if (status >= 300 && status < 400)
    return { kind: "rejected", status, reason: `HTTP ${status} (redirects are not followed)` };
  return { kind: "rejected", status, reason: `HTTP ${status}` };
}

/** Retry-After as seconds or an HTTP date, kept between 1 s and 1 h (default 60 s). */
export function retryAfterMs(header: string | null, now: number): number {
  let ms = DEFAULT_RETRY_AFTER_MS;
  if (header && /^\d+$/.test(header.trim())) ms = Number(header.trim()) * 1000;
  else if (header && !Number.isNaN(Date.parse(header))) ms = Date.parse(header) - now;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(1000, ms));
}

function failureReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
    return `no answer within ${timeoutMs / 1000} s`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === "string") return `network: ${cause.code}`;
  return `network: ${error instanceof Error ? error.message : String(error)}`;
}
