import type { ConfidentialClientApplication, ICachePlugin, INetworkModule } from "@azure/msal-node";
import type { Client } from "@microsoft/microsoft-graph-client";
import { GraphError } from "@microsoft/microsoft-graph-client";
import { BridgeError } from "@presence/core";
import { createConfidentialClient, createDispatcher, createMsalNetworkClient } from "@presence/entra";
import type { Logger } from "@presence/telemetry";
import type { Dispatcher } from "undici";

import type { TeamsSettings } from "../teams-settings.ts";
import { classifyGraphError } from "./classify-graph-error.ts";
import { createGraphClient } from "./graph-client.ts";
import type { GraphMetrics } from "./graph-metrics.ts";

/**
 * Everything that talks to Entra and Graph: msal confidential clients configured for the tenant's
 * cloud (authority on AZURE_AUTHORITY_HOST, which is also the only known authority, so msal never
 * asks the public cloud for instance discovery), the app-only Graph client (client credentials,
 * token cached by msal), and delegated Graph clients for signed-in accounts.
 */
export class GraphAccess {
  readonly dispatcher: Dispatcher;
  readonly network: INetworkModule;
  readonly app: ConfidentialClientApplication;
  /** Graph with the app's own token (Presence.ReadWrite.All, User.Read.All). */
  readonly appClient: Client;
  #skipCache = false;
  /** The token of the call in progress (acquired before it, so a sign-in failure keeps its own error). */
  #token = "";
  #pending: Promise<string> | undefined;

  constructor(
    readonly settings: TeamsSettings,
    private readonly logger: Logger,
    readonly metrics: GraphMetrics,
    ca?: string,
  ) {
    this.dispatcher = createDispatcher(ca);
    this.network = createMsalNetworkClient(this.dispatcher);
    this.app = this.confidentialClient();
    this.appClient = this.client(async () => this.#token || this.appToken(), "app");
  }

  /** `https://graph…/.default`: the app-only scope for this cloud. */
  get appScope(): string {
    return `${this.settings.graphBaseUrl}/.default`;
  }

  /** A delegated Graph permission spelled for this cloud (bare names would mean the public cloud). */
  scope(permission: string): string {
    return `${this.settings.graphBaseUrl}/${permission}`;
  }

  /** A confidential client of the app; with a cache plugin its token cache lives in the store. */
  confidentialClient(cachePlugin?: ICachePlugin): ConfidentialClientApplication {
    return createConfidentialClient(this.settings, {
      network: this.network,
      logger: this.logger,
      ...(cachePlugin ? { cachePlugin } : {}),
    });
  }

  /** A Graph client whose token comes from `getAccessToken`. */
  client(getAccessToken: () => Promise<string>, principal: "app" | "delegated"): Client {
    return createGraphClient({
      graphBaseUrl: this.settings.graphBaseUrl,
      getAccessToken,
      dispatcher: this.dispatcher,
      metrics: this.metrics,
      principal,
    });
  }

  /**
   * The app's token (client credentials), from msal's cache while it is valid. Calls made at the
   * same moment share one token request (msal does not: four parallel reads would each fetch one).
   */
  appToken(): Promise<string> {
    this.#pending ??= this.#fetchAppToken().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #fetchAppToken(): Promise<string> {
    const skipCache = this.#skipCache;
    this.#skipCache = false;
    try {
      const result = await this.app.acquireTokenByClientCredential({ scopes: [this.appScope], skipCache });
      if (!result) throw new BridgeError("upstream_unavailable", "Entra returned no app token");
      return result.accessToken;
    } catch (error) {
      throw classifyGraphError(error, "app", "App sign-in");
    }
  }

  /**
   * Runs one Graph call with the app's token and classifies its failure. A 401 means the cached
   * token is no longer accepted (e.g. after a key rollover): the next call gets a fresh one, and the
   * failure is retryable.
   */
  async appCall<T>(what: string, call: (client: Client) => Promise<T>): Promise<T> {
    this.#token = await this.appToken();
    try {
      return await call(this.appClient);
    } catch (error) {
      if (error instanceof GraphError && error.statusCode === 401) this.#skipCache = true;
      throw classifyGraphError(error, "app", what);
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}
