import { newGuid } from "../ids.ts";
import type { DeliveryLog } from "./delivery-log.ts";
import { outboundPost } from "./outbound-post.ts";

/**
 * The notificationUrl validation handshake (reference §4.3): POST `{url}?validationToken={token}` with a text/plain
 * content type; the endpoint must answer 200, `text/plain`, with the URL-decoded token as body, within the validation
 * timeout. The token has spaces and colons, as Graph's do, so a receiver that echoes it still encoded fails.
 * Error messages are those Graph answers with (field reports: nodejs-webhooks-sample#158 and #350,
 * java-spring-webhooks-sample#82).
 */
export async function runValidationHandshake(
  url: string,
  options: { timeoutMs: number; ca: string[]; log: DeliveryLog; signal?: AbortSignal },
): Promise<{ ok: true } | { ok: false; message: string }> {
  const token = `Validation: Testing client application reachability for subscription Request-Id: ${newGuid()}`;
  const target = new URL(url);
  target.searchParams.append("validationToken", token);
  const result = await outboundPost(target.toString(), {
    body: "",
    contentType: "text/plain; charset=utf-8",
    timeoutMs: options.timeoutMs,
    ca: options.ca,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const textPlain = (result.contentType ?? "").split(";")[0]?.trim().toLowerCase() === "text/plain";
  const ok = result.status === 200 && textPlain && result.body === token;
  options.log.add({
    at: new Date().toISOString(),
    kind: "validation",
    url,
    attempt: 1,
    ...(result.status === undefined ? {} : { status: result.status }),
    ...(result.error === undefined ? {} : { error: result.error }),
    durationMs: result.durationMs,
    ok,
  });
  if (ok) return { ok: true };
  if (result.error === "timeout") return { ok: false, message: "Subscription validation request timed out." };
  if (result.status !== 200)
    return {
      ok: false,
      message:
        "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.",
    };
  if (!textPlain)
    return {
      ok: false,
      message: "Subscription validation request failed. Response must be of content type text/plain.",
    };
  return {
    ok: false,
    message:
      "Subscription validation request failed. Response must exactly match validationToken query parameter.",
  };
}
