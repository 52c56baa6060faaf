import { Counter, type Registry } from "prom-client";

/** The Slack bridge's own metrics, registered on the process's registry (served at /metrics). */
export function createSlackMetrics(registry: Registry) {
  return {
    apiCalls: new Counter({
      name: "presence_slack_api_calls_total",
      help: "Slack Web API calls by method and outcome (ok, or the BridgeError code)",
      labelNames: ["method", "outcome"] as const,
      registers: [registry],
    }),
    budgetWaits: new Counter({
      name: "presence_slack_rate_budget_waits_total",
      help: "Slack calls held back because a shared rate budget was spent (no request was sent)",
      labelNames: ["method"] as const,
      registers: [registry],
    }),
    appRateLimited: new Counter({
      name: "presence_slack_app_rate_limited_total",
      help: "app_rate_limited callbacks: Slack dropped events over 30,000/hour for a workspace",
      labelNames: ["team_id"] as const,
      registers: [registry],
    }),
    tokenRefreshes: new Counter({
      name: "presence_slack_token_refreshes_total",
      help: "Rotated Slack tokens refreshed, by token kind and outcome",
      labelNames: ["kind", "outcome"] as const,
      registers: [registry],
    }),
    rejectedRequests: new Counter({
      name: "presence_slack_rejected_requests_total",
      help: "Requests to /slack/events answered 4xx (bad signature, stale timestamp, malformed body)",
      labelNames: ["status"] as const,
      registers: [registry],
    }),
  };
}

export type SlackMetrics = ReturnType<typeof createSlackMetrics>;
