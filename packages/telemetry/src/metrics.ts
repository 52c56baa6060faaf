import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** The bridge's metrics, one registry per app (served at /metrics). Names carry units, snake_case. */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    syncEvents: new Counter({
      name: "presence_sync_events_total",
      help: "Pipeline decisions and outcomes by kind (mirrored, echo_dropped, rate_limited, …)",
      labelNames: ["kind", "side"] as const,
      registers: [registry],
    }),
    writes: new Counter({
      name: "presence_writes_total",
      help: "Calls made to Slack or Graph by the write step, by outcome",
      labelNames: ["side", "facet", "outcome"] as const,
      registers: [registry],
    }),
    writeDuration: new Histogram({
      name: "presence_write_duration_seconds",
      help: "Duration of one write call to Slack or Graph",
      labelNames: ["side"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    inbound: new Counter({
      name: "presence_inbound_total",
      help: "Inbound events and notifications by source and result (enqueued, duplicate, rejected)",
      labelNames: ["source", "result"] as const,
      registers: [registry],
    }),
    linkStatus: new Gauge({
      name: "presence_links",
      help: "Links by status",
      labelNames: ["status"] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
