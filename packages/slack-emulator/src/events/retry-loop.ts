import { setTimeout as sleep } from "node:timers/promises";
import type { DeliveryAttempt, DeliveryLog, DeliveryRecord } from "./delivery-log.ts";

export type AttemptResult = Omit<DeliveryAttempt, "retryNum" | "retryReason" | "at">;
export type Attempt = (retryNum: number, retryReason: string) => Promise<AttemptResult>;

/**
 * Slack's delivery loop: one try, then up to `retryDelaysMs.length` retries after the given delays, each
 * carrying the retry number and the reason the previous try failed; stops on success or `X-Slack-No-Retry`.
 */
export async function deliverWithRetries(
  record: DeliveryRecord,
  log: DeliveryLog,
  retryDelaysMs: readonly number[],
  signal: AbortSignal,
  attempt: Attempt,
): Promise<void> {
  let reason = "";
  for (let retryNum = 0; retryNum <= retryDelaysMs.length; retryNum++) {
    if (retryNum > 0) {
      try {
        await sleep(retryDelaysMs[retryNum - 1] ?? 0, undefined, { signal });
      } catch {
        return;
      }
    }
    if (signal.aborted) return;
    const at = Date.now();
    const result = await attempt(retryNum, reason);
    record.attempts.push({ retryNum, retryReason: reason, at, ...result });
    if (result.outcome === "ok") {
      record.state = "delivered";
      log.changed();
      return;
    }
    log.changed();
    if (result.noRetry) break;
    reason = result.outcome === "no_connection" ? "timeout" : result.outcome;
  }
  record.state = "failed";
  log.changed();
}
