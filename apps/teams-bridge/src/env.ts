import { loadDotEnv, azureEnv, commonEnv, parseEnv, zPort } from "@presence/config";
import { z } from "zod";

/** What the bridge itself needs (also when it runs inside the all-in-one process). */
export const ZTeamsBridgeConfig = z.object({ ...commonEnv, ...azureEnv });
export type TeamsBridgeConfig = z.infer<typeof ZTeamsBridgeConfig>;

/** The Teams bridge process's configuration (README: "Configuration"). The only place that reads process.env. */
export const ZTeamsBridgeEnv = ZTeamsBridgeConfig.extend({
  TEAMS_BRIDGE_HOST: z.string().default("0.0.0.0"),
  TEAMS_BRIDGE_PORT: zPort.default(3002),
});
export type TeamsBridgeEnv = z.infer<typeof ZTeamsBridgeEnv>;

export function loadTeamsBridgeEnv(env: NodeJS.ProcessEnv = process.env): TeamsBridgeEnv {
  if (env === process.env) loadDotEnv();
  return parseEnv(ZTeamsBridgeEnv, env);
}
