import { createHmac } from "node:crypto";

import { BridgeError } from "@presence/core";
import type { KeyRing } from "@presence/db";

import { hasSlackCredentials, type SlackBridgeConfig } from "./env.ts";
import type { AdminTokenMode } from "./write/slack-writer.ts";

/** The bridge's Slack settings, checked together (what env.ts validated one by one). */
export interface SlackSettings {
  clientId: string;
  clientSecret: string;
  /** HTTP mode: verifies request signatures. */
  signingSecret: string | null;
  /** Socket Mode instead of HTTP events when set. */
  appToken: string | null;
  stateSecret: string;
  apiUrl: string;
  authorizeUrl: string;
  adminTokenMode: AdminTokenMode;
  rateWindowMs: number;
  rateScale: number;
  /** SLACK_METHOD_RATE_LIMITS: workspace-wide calls per window, by method, replacing tier × scale. */
  methodRateLimits: Record<string, number>;
  publicBaseUrl: string | null;
}

/**
 * Null when no Slack credential is set at all (the bridge is then off, e.g. an all-in-one process
 * run without Slack); a config error naming every missing variable when only some are.
 */
export function resolveSlackSettings(config: SlackBridgeConfig, ring: KeyRing): SlackSettings | null {
  if (!hasSlackCredentials(config)) return null;
  const missing = [
    config.SLACK_CLIENT_ID ? null : "SLACK_CLIENT_ID",
    config.SLACK_CLIENT_SECRET ? null : "SLACK_CLIENT_SECRET",
    config.SLACK_SIGNING_SECRET || config.SLACK_APP_TOKEN
      ? null
      : "SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)",
  ].filter((name): name is string => name !== null);
  if (missing.length > 0 || !config.SLACK_CLIENT_ID || !config.SLACK_CLIENT_SECRET) {
    throw new BridgeError(
      "config",
      `Invalid configuration:\n${missing.map((n) => `  ${n}: is required but not set`).join("\n")}`,
    );
  }
  return {
    clientId: config.SLACK_CLIENT_ID,
    clientSecret: config.SLACK_CLIENT_SECRET,
    signingSecret: config.SLACK_SIGNING_SECRET ?? null,
    appToken: config.SLACK_APP_TOKEN ?? null,
    stateSecret: config.SLACK_STATE_SECRET ?? derivedStateSecret(ring),
    apiUrl: config.SLACK_API_URL,
    authorizeUrl: config.SLACK_AUTHORIZE_URL,
    adminTokenMode: config.SLACK_ADMIN_TOKEN_MODE,
    rateWindowMs: config.SLACK_RATE_LIMIT_WINDOW_MS,
    rateScale: config.SLACK_RATE_LIMIT_SCALE,
    methodRateLimits: config.SLACK_METHOD_RATE_LIMITS,
    publicBaseUrl: config.PUBLIC_BASE_URL ? config.PUBLIC_BASE_URL.replace(/\/+$/, "") : null,
  };
}

/** SLACK_STATE_SECRET unset: one derived from the encryption key, the same on every replica. */
function derivedStateSecret(ring: KeyRing): string {
  const key = ring.keys.get(ring.currentId);
  if (!key) throw new BridgeError("internal", "current encryption key missing");
  return createHmac("sha256", key).update("presence-bridge slack oauth state v1").digest("hex");
}
