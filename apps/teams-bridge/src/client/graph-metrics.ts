import { Counter, Gauge, Histogram, type Registry } from "prom-client";

/** The Teams bridge's own metrics, on the process's registry (served at /metrics). */
export function createGraphMetrics(registry: Registry) {
  return {
    requests: new Counter({
      name: "presence_graph_requests_total",
      help: "Microsoft Graph calls by operation, token kind and HTTP status",
      labelNames: ["operation", "principal", "status"] as const,
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: "presence_graph_request_duration_seconds",
      help: "Duration of one Microsoft Graph call",
      labelNames: ["operation"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    polls: new Counter({
      name: "presence_graph_polls_total",
      help: "Presence polls by kind (poll: people without a subscription; reconcile: people with one) and outcome",
      labelNames: ["kind", "outcome"] as const,
      registers: [registry],
    }),
    observed: new Counter({
      name: "presence_graph_presence_changes_total",
      help: "Presence changes (new sequenceNumber) taken into the pipeline, by source",
      labelNames: ["source"] as const,
      registers: [registry],
    }),
    watched: new Gauge({
      name: "presence_graph_watched_people",
      help: "Linked people per read path (subscription or poll)",
      labelNames: ["path"] as const,
      registers: [registry],
    }),
    subscriptions: new Counter({
      name: "presence_graph_subscription_operations_total",
      help: "Subscription operations (create, renew, check, recreate, reauthorize, delete) by outcome",
      labelNames: ["operation", "outcome"] as const,
      registers: [registry],
    }),
    notifications: new Counter({
      name: "presence_graph_notifications_total",
      help: "Change and lifecycle notification items by kind and result (accepted, rejected)",
      labelNames: ["kind", "result"] as const,
      registers: [registry],
    }),
  };
}

export type GraphMetrics = ReturnType<typeof createGraphMetrics>;
