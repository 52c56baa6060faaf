import {
  adminEnv,
  loadDotEnv,
  azureEnv,
  commonEnv,
  parseEnv,
  slackEnv,
  webhookEnv,
  zPort,
} from "@presence/config";
import { z } from "zod";

/** Configuration of the all-in-one process (README: "Configuration"). The only place that reads process.env. */
export const ZAllInOneEnv = z.object({
  ...commonEnv,
  ...adminEnv,
  ...slackEnv,
  ...azureEnv,
  ...webhookEnv,
  HOST: z.string().default("127.0.0.1"),
  PORT: zPort.default(3000),
});
export type AllInOneEnv = z.infer<typeof ZAllInOneEnv>;

export function loadAllInOneEnv(env: NodeJS.ProcessEnv = process.env): AllInOneEnv {
  if (env === process.env) loadDotEnv();
  return parseEnv(ZAllInOneEnv, env);
}

/**
 * The demo emulators' own container (docker-compose's `demo` profile): the emulated Slack app and Entra
 * app take the credentials the bridges are given, and they find the bridges by their service names.
 */
export const ZDemoEmulatorsEnv = z.object({
  DATABASE_URL: commonEnv.DATABASE_URL.unwrap(),
  LOG_LEVEL: commonEnv.LOG_LEVEL,
  /** Where Slack's OAuth and the Teams bridge's sign-in send browsers back (the bridges' address). */
  PUBLIC_BASE_URL: z.url(),
  /** Where the admin UI is reached (its sign-in redirect URI). */
  ADMIN_BASE_URL: z.url(),
  /** The Slack bridge as this container reaches it (Request URL, install and connect flows). */
  DEMO_SLACK_BRIDGE_URL: z.url(),
  DEMO_HOST: z.string().default("0.0.0.0"),
  /** Host names the Graph emulator's certificate covers (the service name). */
  DEMO_HOSTNAMES: z
    .string()
    .default("emulators")
    .transform((value) =>
      value
        .split(",")
        .map((h) => h.trim())
        .filter(Boolean),
    ),
  DEMO_SLACK_PORT: zPort.default(3101),
  DEMO_GRAPH_PORT: zPort.default(3102),
  /** Where the Graph emulator's certificate is written, for the apps' GRAPH_CA_FILE. */
  DEMO_CA_FILE: z.string().default("/demo/graph-emulator-ca.pem"),
  SLACK_CLIENT_ID: z.string().min(1),
  SLACK_CLIENT_SECRET: z.string().min(1),
  SLACK_SIGNING_SECRET: z.string().min(8),
  AZURE_TENANT_ID: z.uuid(),
  AZURE_CLIENT_ID: z.uuid(),
  AZURE_CLIENT_SECRET: z.string().min(1),
});
export type DemoEmulatorsEnv = z.infer<typeof ZDemoEmulatorsEnv>;

export function loadDemoEmulatorsEnv(env: NodeJS.ProcessEnv = process.env): DemoEmulatorsEnv {
  return parseEnv(ZDemoEmulatorsEnv, env);
}
