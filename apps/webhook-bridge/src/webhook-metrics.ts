import { Counter, Histogram, type Registry } from "prom-client";

/**
 * The webhook spoke's own metrics, on the process's registry (served at /metrics). A module created
 * again on the same registry (tests) shares the metrics instead of failing to register them twice.
 */
export function createWebhookMetrics(registry: Registry) {
  return {
    reports:
      existing<Counter<"status">>(registry, "presence_webhook_reports_total") ??
      new Counter({
        name: "presence_webhook_reports_total",
        help: "Reports systems sent to POST /webhooks/<connection>, by HTTP status answered (202 accepted, 200 duplicate, 4xx refused, 503 not stored)",
        labelNames: ["status"] as const,
        registers: [registry],
      }),
    deliveries:
      existing<Counter<"outcome">>(registry, "presence_webhook_deliveries_total") ??
      new Counter({
        name: "presence_webhook_deliveries_total",
        help: "Deliveries of people's states to systems, by outcome (delivered, gone, rate_limited, retry, refused)",
        labelNames: ["outcome"] as const,
        registers: [registry],
      }),
    deliveryDuration:
      existing<Histogram>(registry, "presence_webhook_delivery_duration_seconds") ??
      new Histogram({
        name: "presence_webhook_delivery_duration_seconds",
        help: "Duration of one delivery (the signed POST and the system's answer)",
        buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        registers: [registry],
      }),
  };
}

function existing<M>(registry: Registry, name: string): M | undefined {
  return registry.getSingleMetric(name) as M | undefined;
}

export type WebhookMetrics = ReturnType<typeof createWebhookMetrics>;
