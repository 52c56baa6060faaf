import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  TelemetryHandler,
  type Context,
  type Middleware,
} from "@microsoft/microsoft-graph-client";
import { BridgeError } from "@presence/core";
import type { Dispatcher } from "undici";

import type { GraphMetrics } from "./graph-metrics.ts";

const REQUEST_TIMEOUT_MS = 15_000;

export interface GraphClientOptions {
  /** `https://graph…` origin without version (GRAPH_BASE_URL). */
  graphBaseUrl: string;
  getAccessToken: () => Promise<string>;
  dispatcher: Dispatcher;
  metrics: GraphMetrics;
  /** "app" or "delegated", for the request metrics. */
  principal: "app" | "delegated";
}

/**
 * The Graph client as the bridge runs it. The middleware chain has no RetryHandler (and no
 * RedirectHandler): the job queue owns retries, and a 429 reschedules the job at Retry-After.
 * The first link refuses any URL outside GRAPH_BASE_URL (an @odata.nextLink elsewhere included), so
 * the bearer token goes to the configured Graph host and nowhere else; `customHosts` names that host
 * for the SDK's own handlers (the token is attached only to https Graph hosts or custom hosts).
 */
export function createGraphClient(options: GraphClientOptions): Client {
  const chain: Middleware[] = [
    new GraphGuard(options.graphBaseUrl, options.metrics, options.principal),
    new AuthenticationHandler({ getAccessToken: options.getAccessToken }),
    new TelemetryHandler(),
    new HTTPMessageHandler(),
  ];
  return Client.initWithMiddleware({
    middleware: chain,
    baseUrl: options.graphBaseUrl,
    customHosts: new Set([new URL(options.graphBaseUrl).hostname]),
    fetchOptions: { dispatcher: options.dispatcher } as unknown as RequestInit,
  });
}

/** Origin check, request timeout and metrics around every Graph call. */
class GraphGuard implements Middleware {
  #next: Middleware | undefined;
  readonly #origin: string;

  constructor(
    graphBaseUrl: string,
    private readonly metrics: GraphMetrics,
    private readonly principal: "app" | "delegated",
  ) {
    this.#origin = new URL(graphBaseUrl).origin;
  }

  async execute(context: Context): Promise<void> {
    const url = new URL(typeof context.request === "string" ? context.request : context.request.url);
    if (url.origin !== this.#origin)
      throw new BridgeError("internal", `Refusing a Graph call outside ${this.#origin}: ${url.origin}`);
    context.options = { ...context.options, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) };
    const operation = operationOf(url.pathname);
    const end = this.metrics.requestDuration.startTimer({ operation });
    try {
      if (!this.#next) throw new BridgeError("internal", "Graph middleware chain has no transport");
      await this.#next.execute(context);
      this.metrics.requests.inc({
        operation,
        principal: this.principal,
        status: String(context.response?.status ?? 0),
      });
    } catch (error) {
      this.metrics.requests.inc({ operation, principal: this.principal, status: "network_error" });
      throw error;
    } finally {
      end();
    }
  }

  setNext(next: Middleware): void {
    this.#next = next;
  }
}

/** A low-cardinality name for a Graph path: ids and the version segment left out. */
export function operationOf(pathname: string): string {
  const parts = pathname
    .split("/")
    .filter(Boolean)
    .filter((part) => !/^v\d|^beta$/.test(part))
    .map((part) => (/^[0-9a-f-]{36}$/i.test(part) || part.includes("@") ? "{id}" : part));
  return parts.join("/") || "/";
}
