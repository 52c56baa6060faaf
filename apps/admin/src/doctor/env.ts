import { adminEnv, azureEnv, commonEnv, loadDotEnv, slackEnv, zPort } from "@presence/config";
import { z } from "zod";

/**
 * Every variable any app reads: the all-in-one process's (apps/all-in-one/src/env.ts, which this app
 * cannot import: the all-in-one depends on it) plus where each app listens when it runs on its own.
 */
export const ZDoctorEnv = z.object({
  ...commonEnv,
  ...adminEnv,
  ...slackEnv,
  ...azureEnv,
  HOST: z.string().default("127.0.0.1"),
  PORT: zPort.default(3000),
  SLACK_BRIDGE_HOST: z.string().default("0.0.0.0"),
  SLACK_BRIDGE_PORT: zPort.default(3001),
  TEAMS_BRIDGE_HOST: z.string().default("0.0.0.0"),
  TEAMS_BRIDGE_PORT: zPort.default(3002),
  ADMIN_HOST: z.string().default("127.0.0.1"),
  ADMIN_PORT: zPort.default(3000),
});
export type DoctorEnv = z.infer<typeof ZDoctorEnv>;
export type DoctorVariable = keyof DoctorEnv;

/** The environment as the apps see it: the process's, with `.env` at the repository root read in. */
export function readDoctorEnvironment(): NodeJS.ProcessEnv {
  loadDotEnv();
  return process.env;
}
