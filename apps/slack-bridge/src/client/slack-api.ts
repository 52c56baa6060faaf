import { BridgeError } from "@presence/core";
import type { Logger } from "@presence/telemetry";
import { WebClient, type WebAPICallResult } from "@slack/web-api";

import type { RateBudgets } from "../store/rate-budgets.ts";
import { methodBudgetKey, slackBudgetRules } from "../store/slack-budget-rules.ts";
import type { SlackMetrics } from "../slack-metrics.ts";
import { classifySlackError, slackErrorCode } from "./classify-slack-error.ts";
import { slackSdkLogger } from "./slack-sdk-logger.ts";

/** A token to call with, and how to replace it when Slack says it expired (token rotation). */
export interface TokenLease {
  token: string;
  /** The credential it came from, e.g. "slack:T123:U123": whose authorization spends per-token budgets. */
  owner: string;
  /** A fresh token after `token_expired`; throws `auth_revoked` when it cannot be refreshed. */
  refresh(expired: string): Promise<string>;
  /** Drops the process's cached copy of the token (it was revoked): the next lease reads the store. */
  forget(): void;
  /**
   * Slack refused `rejected` (revoked, inactive …): drops the cached copy and reads the store again.
   * Returns the token stored now when it is another one (the person connected again, or another
   * replica rotated it), to retry with; null when there is none or it is the one refused.
   */
  reload(rejected: string): Promise<string | null>;
}

export interface SlackCallOptions {
  /** The workspace whose per-method budget the call spends. */
  teamId: string;
  /** users.profile.set: whose profile changes (per-person and per-token budgets). */
  profileTarget?: string;
}

export interface SlackApiOptions {
  apiUrl: string;
  budgets: RateBudgets;
  /** SLACK_RATE_LIMIT_SCALE. */
  scale: number;
  /** SLACK_METHOD_RATE_LIMITS (none: every method's tier × scale). */
  methodLimits?: Record<string, number>;
  metrics: SlackMetrics;
  logger: Logger;
}

/**
 * Every Slack Web API call the bridge makes goes through here: one WebClient with the SDK's own
 * retries off (`retries: 0`, `rejectRateLimitedCalls`; the queue owns retries), the shared rate
 * budgets spent before the request leaves (one statement; no budget → `rate_limited` with the time
 * until it frees, and no request), a real 429 blocking the method's budget for its Retry-After,
 * `token_expired` refreshed and retried once, and every failure classified as a BridgeError. A token
 * Slack refuses as revoked is dropped from the token cache before the error reaches the caller (which
 * flags the link); when the store holds another token by then (reconnected, or rotated elsewhere
 * while this process used its cached copy), the call is retried once with it.
 */
export class SlackApi {
  readonly client: WebClient;

  constructor(private readonly options: SlackApiOptions) {
    this.client = new WebClient(undefined, {
      slackApiUrl: options.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logger: slackSdkLogger(options.logger.child({ component: "slack-web-api" })),
    });
  }

  async call(
    method: string,
    lease: TokenLease,
    args: Record<string, unknown>,
    budget: SlackCallOptions,
  ): Promise<WebAPICallResult> {
    let token = lease.token;
    let refreshed = false;
    let reloaded = false;
    for (;;) {
      await this.#spend(method, lease.owner, budget);
      try {
        const result = await this.client.apiCall(method, { ...args, token });
        this.options.metrics.apiCalls.inc({ method, outcome: "ok" });
        if (method === "auth.revoke") lease.forget();
        return result;
      } catch (thrown) {
        const error = classifySlackError(method, thrown);
        this.options.metrics.apiCalls.inc({ method, outcome: slackErrorCode(error) ?? error.code });
        if (error.code === "rate_limited" && error.retryAfterMs !== undefined)
          await this.options.budgets.block(methodBudgetKey(method, budget.teamId), error.retryAfterMs);
        if (slackErrorCode(error) === "token_expired" && !refreshed) {
          refreshed = true;
          token = await lease.refresh(token);
          continue;
        }
        if (error.code === "auth_revoked" && !reloaded) {
          reloaded = true;
          const stored = await lease.reload(token);
          if (stored) {
            token = stored;
            continue;
          }
        }
        throw error;
      }
    }
  }

  /** A call outside the workspace budgets (OAuth token exchange, which authenticates by client secret). */
  async callUnbudgeted(method: string, args: Record<string, unknown>): Promise<WebAPICallResult> {
    try {
      const result = await this.client.apiCall(method, args);
      this.options.metrics.apiCalls.inc({ method, outcome: "ok" });
      return result;
    } catch (thrown) {
      const error = classifySlackError(method, thrown);
      this.options.metrics.apiCalls.inc({ method, outcome: slackErrorCode(error) ?? error.code });
      throw error;
    }
  }

  async #spend(method: string, owner: string, budget: SlackCallOptions): Promise<void> {
    const rules = slackBudgetRules(
      {
        method,
        teamId: budget.teamId,
        ...(budget.profileTarget
          ? { profile: { tokenOwner: owner, targetUserId: budget.profileTarget } }
          : {}),
      },
      this.options.scale,
      this.options.methodLimits,
    );
    const verdict = await this.options.budgets.take(rules);
    if (verdict.granted) return;
    this.options.metrics.budgetWaits.inc({ method });
    throw new BridgeError("rate_limited", `${method}: the shared Slack budget ${verdict.key} is spent`, {
      retryAfterMs: verdict.waitMs,
      details: { method, budget: verdict.key, slackError: "budget_spent" },
    });
  }
}
