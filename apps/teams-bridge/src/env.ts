import { azureEnv, commonEnv, parseEnv, zPort } from "@presence/config";
import { z } from "zod";

/** The Teams bridge's configuration (README: "Configuration"). The only place that reads process.env. */
export const ZTeamsBridgeEnv = z.object({
  ...commonEnv,
  ...azureEnv,
  TEAMS_BRIDGE_HOST: z.string().default("0.0.0.0"),
  TEAMS_BRIDGE_PORT: zPort.default(3002),
});
export type TeamsBridgeEnv = z.infer<typeof ZTeamsBridgeEnv>;

export function loadTeamsBridgeEnv(env: NodeJS.ProcessEnv = process.env): TeamsBridgeEnv {
  return parseEnv(ZTeamsBridgeEnv, env);
}
