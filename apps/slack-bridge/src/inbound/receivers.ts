import type { ReadinessCheck } from "@presence/telemetry";
import { ExpressReceiver, SocketModeReceiver, type Logger } from "@slack/bolt";
import type { Router } from "express";

import type { SlackMetrics } from "../slack-metrics.ts";

/** Where Slack sends Events API requests, slash commands and interactivity (manifest: request URLs). */
export const SLACK_HTTP_ENDPOINTS = {
  events: "/slack/events",
  commands: "/slack/commands",
  interactivity: "/slack/interactivity",
} as const;

/**
 * The HTTP receiver, on the bridge's own router: Bolt's ExpressReceiver verifies the signature
 * (v0 HMAC-SHA256 over the raw body, 5-minute window) and answers only after the listeners finished
 * (`processBeforeResponse`): 401 for a bad or missing signature or a stale timestamp, 400 for a body
 * it cannot parse, 5xx when a listener failed (storing the observation), so Slack retries.
 */
export function httpReceiver(
  router: Router,
  options: { signingSecret: string; logger: Logger; metrics: SlackMetrics },
): ExpressReceiver {
  for (const path of Object.values(SLACK_HTTP_ENDPOINTS)) {
    router.use(path, (_req, res, next) => {
      res.on("finish", () => {
        if (res.statusCode >= 400 && res.statusCode < 500)
          options.metrics.rejectedRequests.inc({ status: String(res.statusCode) });
      });
      next();
    });
  }
  return new ExpressReceiver({
    signingSecret: options.signingSecret,
    router,
    endpoints: { ...SLACK_HTTP_ENDPOINTS },
    processBeforeResponse: true,
    logger: options.logger,
  });
}

/** The Socket Mode receiver (SLACK_APP_TOKEN): a websocket opened with apps.connections.open. */
export function socketModeReceiver(options: { appToken: string; apiUrl: string; logger: Logger }): {
  receiver: SocketModeReceiver;
  readiness: ReadinessCheck;
} {
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    installerOptions: { clientOptions: { slackApiUrl: options.apiUrl } },
  });
  let connected = false;
  receiver.client.on("connected", () => {
    connected = true;
  });
  receiver.client.on("disconnected", () => {
    connected = false;
  });
  return {
    receiver,
    readiness: {
      name: "slack-socket-mode",
      check: async () => {
        if (!connected) throw new Error("the Socket Mode connection to Slack is not open");
      },
    },
  };
}
