import type { DbClient, KeyRing } from "@presence/db";
import type { Logger, Metrics } from "@presence/telemetry";

import type { GraphAccess } from "./client/graph-access.ts";
import type { TeamsSettings } from "./teams-settings.ts";

/** What the bridge's parts share: the store, Entra and Graph, its settings, telemetry, a clock. */
export interface TeamsContext {
  db: DbClient;
  ring: KeyRing;
  logger: Logger;
  metrics: Metrics;
  graph: GraphAccess;
  settings: TeamsSettings;
  /** The clock every part reads (epoch ms). */
  now: () => number;
  /** Asks for a run of the subscription chain or of the read chain as soon as possible. */
  wake(what: "subscriptions" | "read", tenantId: string): Promise<void>;
}
