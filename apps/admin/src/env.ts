import {
  adminEnv,
  commonEnv,
  entraSignInEnv,
  loadDotEnv,
  parseEnv,
  slackSignInEnv,
  zPort,
} from "@presence/config";
import { z } from "zod";

/** The admin app's configuration (README: "Configuration"). The only place that reads process.env. */
export const ZAdminEnv = z.object({
  ...commonEnv,
  ...adminEnv,
  ...entraSignInEnv,
  ...slackSignInEnv,
  ADMIN_HOST: z.string().default("127.0.0.1"),
  ADMIN_PORT: zPort.default(3000),
});
export type AdminEnv = z.infer<typeof ZAdminEnv>;

export function loadAdminEnv(env: NodeJS.ProcessEnv = process.env): AdminEnv {
  if (env === process.env) loadDotEnv();
  return parseEnv(ZAdminEnv, env);
}
