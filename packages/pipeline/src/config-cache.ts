import type { BridgeSettings, RuleSet } from "@presence/core";
import { getActiveRules, getSettings, listWebhookConnections, type DbClient } from "@presence/db";

export interface PipelineConfig {
  settings: BridgeSettings;
  rules: RuleSet;
  /** Whether any connected system receives people's states (then published states are delivered). */
  publishes: boolean;
  /** The connections whose reports count (active, taking reports in): a turned-off system's states do not. */
  reporting: ReadonlySet<string>;
}

/** How long a process keeps settings and rules before reading them again: admin changes apply within it. */
export const CONFIG_TTL_MS = 5_000;

const cache = new WeakMap<DbClient, { at: number; value: Promise<PipelineConfig> }>();

/** Settings and the rules in force, read at most every CONFIG_TTL_MS per process (they rarely change). */
export function pipelineConfig(db: DbClient, now = Date.now()): Promise<PipelineConfig> {
  const hit = cache.get(db);
  if (hit && now - hit.at < CONFIG_TTL_MS) return hit.value;
  const value = Promise.all([getSettings(db), getActiveRules(db), listWebhookConnections(db)]).then(
    ([settings, record, connections]) => {
      const active = connections.filter((c) => c.status === "active");
      return {
        settings,
        rules: record.rules,
        publishes: active.some((c) => c.direction !== "in" && c.url !== null),
        reporting: new Set(active.filter((c) => c.direction !== "out").map((c) => c.id)),
      };
    },
  );
  cache.set(db, { at: now, value });
  value.catch(() => cache.delete(db));
  return value;
}
