import { commonEnv, parseEnv, slackEnv, zPort } from "@presence/config";
import { z } from "zod";

/** The Slack bridge's configuration (README: "Configuration"). The only place that reads process.env. */
export const ZSlackBridgeEnv = z.object({
  ...commonEnv,
  ...slackEnv,
  SLACK_BRIDGE_HOST: z.string().default("0.0.0.0"),
  SLACK_BRIDGE_PORT: zPort.default(3001),
});
export type SlackBridgeEnv = z.infer<typeof ZSlackBridgeEnv>;

export function loadSlackBridgeEnv(env: NodeJS.ProcessEnv = process.env): SlackBridgeEnv {
  return parseEnv(ZSlackBridgeEnv, env);
}
