import { adminEnv, loadDotEnv, azureEnv, commonEnv, parseEnv, slackEnv, zPort } from "@presence/config";
import { z } from "zod";

/** Configuration of the all-in-one process (README: "Configuration"). The only place that reads process.env. */
export const ZAllInOneEnv = z.object({
  ...commonEnv,
  ...adminEnv,
  ...slackEnv,
  ...azureEnv,
  HOST: z.string().default("127.0.0.1"),
  PORT: zPort.default(3000),
});
export type AllInOneEnv = z.infer<typeof ZAllInOneEnv>;

export function loadAllInOneEnv(env: NodeJS.ProcessEnv = process.env): AllInOneEnv {
  if (env === process.env) loadDotEnv();
  return parseEnv(ZAllInOneEnv, env);
}
