import type { ReadinessCheck } from "@presence/telemetry";
import { ExpressReceiver, HTTPModuleFunctions, SocketModeReceiver, type Logger } from "@slack/bolt";
import type { Router } from "express";

import type { SlackMetrics } from "../slack-metrics.ts";
import { MalformedSlackRequest } from "./bridge-app.ts";

/** Where Slack sends Events API requests, slash commands and interactivity (manifest: request URLs). */
export const SLACK_HTTP_ENDPOINTS = {
  events: "/slack/events",
  commands: "/slack/commands",
  interactivity: "/slack/interactivity",
} as const;

/** Slack's replay window: a request timestamped further from now than this, either way, is refused. */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * The HTTP receiver, on the bridge's own router: Bolt's ExpressReceiver verifies the signature
 * (v0 HMAC-SHA256 over the raw body, 5-minute window) and answers only after the listeners finished
 * (`processBeforeResponse`): 401 for a bad or missing signature or a stale timestamp (or, checked here
 * since Bolt only looks back, one more than 5 minutes ahead or no finite number), 400 for a body it
 * cannot parse or of a shape Slack never sends, 5xx when a listener failed (storing the observation),
 * so Slack retries.
 */
export function httpReceiver(
  router: Router,
  options: { signingSecret: string; logger: Logger; metrics: SlackMetrics },
): ExpressReceiver {
  for (const path of Object.values(SLACK_HTTP_ENDPOINTS)) {
    router.use(path, (req, res, next) => {
      res.on("finish", () => {
        if (res.statusCode >= 400 && res.statusCode < 500)
          options.metrics.rejectedRequests.inc({ status: String(res.statusCode) });
      });
      const timestamp = req.get("x-slack-request-timestamp");
      if (timestamp !== undefined) {
        const seconds = Number(timestamp);
        if (!Number.isFinite(seconds) || seconds > Date.now() / 1000 + MAX_CLOCK_SKEW_SECONDS) {
          options.logger.warn("Slack request refused: its timestamp is in the future or not a number");
          res.status(401).end();
          return;
        }
      }
      next();
    });
  }
  return new ExpressReceiver({
    signingSecret: options.signingSecret,
    router,
    endpoints: { ...SLACK_HTTP_ENDPOINTS },
    processBeforeResponse: true,
    logger: options.logger,
    processEventErrorHandler: async (args) => {
      if (!(args.error instanceof MalformedSlackRequest) || args.response.headersSent)
        return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
      options.logger.warn(`Slack request refused: ${args.error.message}`);
      args.response.writeHead(400);
      args.response.end();
      return true;
    },
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
