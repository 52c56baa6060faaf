import { BOT_SCOPES, BridgeError, USER_SCOPES } from "@presence/core";
import { redeemConnectLink } from "@presence/services";
import type { InstallProvider, InstallURLOptions } from "@slack/oauth";
import express, { type Router } from "express";

import type { SlackContext } from "../slack-context.ts";
import { afterInstall } from "./after-install.ts";
import { sendPage } from "./html-page.ts";

/**
 * The OAuth v2 routes (Bolt's InstallProvider, state signed and tied to the browser by a cookie):
 * - GET /slack/install: a workspace install by an admin (bot scopes, plus the installer's user scopes);
 * - GET /slack/connect[?state=<signed connect link>]: one person connects their Slack account (user
 *   scopes only); a connect link made on the Microsoft side links them on the way;
 * - GET /slack/oauth_redirect: Slack's redirect back, for both.
 */
export function oauthRoutes(context: SlackContext, installer: InstallProvider): Router {
  const router = express.Router();
  const redirectUri = context.publicBaseUrl ? `${context.publicBaseUrl}/slack/oauth_redirect` : undefined;
  const base: Pick<InstallURLOptions, "redirectUri"> = redirectUri ? { redirectUri } : {};

  router.get("/slack/install", async (req, res, next) => {
    try {
      await installer.handleInstallPath(req, res, undefined, {
        ...base,
        scopes: BOT_SCOPES,
        userScopes: USER_SCOPES,
      });
    } catch (error) {
      next(error);
    }
  });

  router.get("/slack/connect", async (req, res, next) => {
    const state = typeof req.query.state === "string" ? req.query.state : undefined;
    try {
      if (state) {
        const parsed = await redeemConnectLink(context.db, context.ring, state, context.now());
        if (parsed.connect !== "slack")
          throw new BridgeError("invalid_input", "This link is not for connecting Slack");
      }
      await installer.handleInstallPath(req, res, undefined, {
        ...base,
        scopes: [],
        userScopes: USER_SCOPES,
        ...(state ? { metadata: JSON.stringify({ connect: state }) } : {}),
      });
    } catch (error) {
      if (error instanceof BridgeError && error.code === "invalid_input") {
        sendPage(res, 400, "This link does not work", error.message);
        return;
      }
      next(error);
    }
  });

  router.get("/slack/oauth_redirect", async (req, res) => {
    await installer.handleCallback(req, res, {
      successAsync: async (installation, options, _req, response) => {
        try {
          const outcome = await afterInstall(context, installation, options.metadata);
          sendPage(response, 200, outcome.title, outcome.message);
        } catch (thrown) {
          const error = BridgeError.from(thrown);
          context.logger.warn({ code: error.code, error: error.message }, "Slack connect could not finish");
          sendPage(
            response,
            error.code === "internal" ? 500 : 400,
            "Slack is connected, but…",
            error.message,
          );
        }
      },
      failureAsync: async (error, _options, _req, response) => {
        context.logger.warn({ code: error.code, error: error.message }, "Slack OAuth failed");
        const denied = /cancelled/i.test(error.message);
        sendPage(
          response,
          denied ? 200 : 400,
          denied ? "Nothing was changed" : "Slack sign-in did not work",
          denied ? "You cancelled on Slack's page." : "Please start again from the link you were given.",
        );
      },
    });
  });
  return router;
}
