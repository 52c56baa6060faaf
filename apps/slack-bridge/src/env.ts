import { loadDotEnv, commonEnv, parseEnv, slackEnv, zPort } from "@presence/config";
import { z } from "zod";

/** What the bridge itself needs (also when it runs inside the all-in-one process). */
export const ZSlackBridgeConfig = z.object({ ...commonEnv, ...slackEnv });
export type SlackBridgeConfig = z.infer<typeof ZSlackBridgeConfig>;

/** The Slack bridge process's configuration (README: "Configuration"). The only place that reads process.env. */
export const ZSlackBridgeEnv = ZSlackBridgeConfig.extend({
  SLACK_BRIDGE_HOST: z.string().default("0.0.0.0"),
  SLACK_BRIDGE_PORT: zPort.default(3001),
});
export type SlackBridgeEnv = z.infer<typeof ZSlackBridgeEnv>;

export function loadSlackBridgeEnv(env: NodeJS.ProcessEnv = process.env): SlackBridgeEnv {
  if (env === process.env) loadDotEnv();
  return parseEnv(ZSlackBridgeEnv, env);
}

/** Whether any Slack credential is configured (none at all → the zero-config demo). */
export function hasSlackCredentials(config: SlackBridgeConfig): boolean {
  return [
    config.SLACK_CLIENT_ID,
    config.SLACK_CLIENT_SECRET,
    config.SLACK_SIGNING_SECRET,
    config.SLACK_APP_TOKEN,
  ].some((value) => value !== undefined);
}
