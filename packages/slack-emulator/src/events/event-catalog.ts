import type { EventsSpec } from "../spec/load-spec.ts";

export interface EventRule {
  /** Any one of these scopes on the authorization lets the event through; empty = none needed. */
  scopes: string[];
  /** Which subscriptions may carry it: bot events ("bot") and/or user events ("user"). */
  subscriptions: ("bot" | "user")[];
}

/** Events newer than the 2021 AsyncAPI spec (deviation "newer-events"). */
const NEWER_EVENTS: Record<string, EventRule> = {
  user_status_changed: { scopes: ["users:read"], subscriptions: ["bot", "user"] },
  user_huddle_changed: { scopes: ["users:read"], subscriptions: ["bot", "user"] },
  app_home_opened: { scopes: [], subscriptions: ["bot"] },
};

/**
 * Which subscription and scopes deliver each event: from the spec's `x-scopes-required` and
 * `x-tokens-allowed` ("workspace" = a bot subscription), plus the newer events.
 */
export function eventCatalog(spec: EventsSpec): Record<string, EventRule> {
  const catalog: Record<string, EventRule> = { ...NEWER_EVENTS };
  for (const [topic, { subscribe }] of Object.entries(spec.topics)) {
    const tokens = subscribe["x-tokens-allowed"] ?? [];
    catalog[topic.replaceAll(".", "_")] = {
      scopes: subscribe["x-scopes-required"] ?? [],
      subscriptions: [
        ...(tokens.includes("workspace") ? (["bot"] as const) : []),
        ...(tokens.includes("user") ? (["user"] as const) : []),
      ],
    };
  }
  return catalog;
}
