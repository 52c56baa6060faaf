import type { DbClient, KeyRing } from "@presence/db";
import type { Logger, Metrics } from "@presence/telemetry";

import type { SlackApi } from "./client/slack-api.ts";
import type { SlackMetrics } from "./slack-metrics.ts";
import type { SlackTokens } from "./store/slack-tokens.ts";

/** What the bridge's parts share: the store, the Slack client and tokens, telemetry, a clock. */
export interface SlackContext {
  db: DbClient;
  ring: KeyRing;
  logger: Logger;
  metrics: Metrics;
  slackMetrics: SlackMetrics;
  now: () => number;
  api: SlackApi;
  tokens: SlackTokens;
  /** PUBLIC_BASE_URL without a trailing slash, when set (connect links need it). */
  publicBaseUrl: string | null;
}
