import { readFileSync } from "node:fs";

import { BOT_EVENTS, BOT_SCOPES, SIGN_IN_SCOPES, USER_EVENTS, USER_SCOPES } from "@presence/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { SLACK_HTTP_ENDPOINTS } from "./inbound/receivers.ts";

const ZManifest = z.object({
  features: z.object({
    app_home: z.object({ home_tab_enabled: z.boolean() }).loose(),
    slash_commands: z.array(z.object({ command: z.string(), url: z.url() }).loose()),
  }),
  oauth_config: z.object({
    redirect_urls: z.array(z.url()),
    scopes: z.object({ bot: z.array(z.string()), user: z.array(z.string()) }),
  }),
  settings: z
    .object({
      event_subscriptions: z.object({
        request_url: z.url(),
        bot_events: z.array(z.string()),
        user_events: z.array(z.string()),
      }),
      interactivity: z.object({ is_enabled: z.boolean(), request_url: z.url() }),
      org_deploy_enabled: z.boolean(),
      token_rotation_enabled: z.boolean(),
    })
    .loose(),
});

const manifest = ZManifest.parse(
  JSON.parse(readFileSync(new URL("../slack-app-manifest.json", import.meta.url), "utf8")),
);
const path = (url: string) => new URL(url).pathname;

describe("the Slack app manifest", () => {
  it("asks for exactly the scopes and events the bridge uses", () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(BOT_SCOPES);
    expect(manifest.oauth_config.scopes.user).toEqual([...USER_SCOPES, ...SIGN_IN_SCOPES]);
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...BOT_EVENTS].sort());
    expect(manifest.settings.event_subscriptions.user_events).toEqual(USER_EVENTS);
  });

  it("points every URL at the bridge's routes", () => {
    expect(path(manifest.settings.event_subscriptions.request_url)).toBe(SLACK_HTTP_ENDPOINTS.events);
    expect(path(manifest.settings.interactivity.request_url)).toBe(SLACK_HTTP_ENDPOINTS.interactivity);
    expect(manifest.features.slash_commands.map((c) => [c.command, path(c.url)])).toEqual([
      ["/presence", SLACK_HTTP_ENDPOINTS.commands],
    ]);
    expect(manifest.oauth_config.redirect_urls.map(path)).toEqual([
      "/slack/oauth_redirect",
      "/auth/slack/callback",
    ]);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });
});
