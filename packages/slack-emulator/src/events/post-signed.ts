import type { DeliveryOutcome } from "./delivery-log.ts";
import { signedHeaders } from "./signing.ts";

export interface PostResult {
  outcome: DeliveryOutcome;
  status: number | null;
  noRetry: boolean;
  body: string;
}

const MAX_REDIRECTS = 2;

/**
 * POSTs a signed JSON body the way Slack does: 2xx within the timeout is success; Slack follows up to two
 * 301/302 redirects; anything else is `http_error`, no answer in time `http_timeout`, no connection
 * `connection_failed`.
 */
export async function postSigned(
  url: string,
  signingSecret: string,
  rawBody: string,
  extraHeaders: Record<string, string>,
  timeoutMs: number,
): Promise<PostResult> {
  const signal = AbortSignal.timeout(timeoutMs);
  let target = url;
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await fetch(target, {
        method: "POST",
        headers: { ...signedHeaders(signingSecret, rawBody), ...extraHeaders },
        body: rawBody,
        redirect: "manual",
        signal,
      });
      const body = await response.text();
      const location = response.headers.get("location");
      if ((response.status === 301 || response.status === 302) && location && redirects < MAX_REDIRECTS) {
        target = new URL(location, target).toString();
        continue;
      }
      const ok = response.status >= 200 && response.status < 300;
      return {
        outcome: ok ? "ok" : "http_error",
        status: response.status,
        noRetry: !ok && response.headers.get("x-slack-no-retry") === "1",
        body,
      };
    }
  } catch (error) {
    const timedOut =
      signal.aborted ||
      (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"));
    return {
      outcome: timedOut ? "http_timeout" : "connection_failed",
      status: null,
      noRetry: false,
      body: "",
    };
  }
}
