import { createAdmin } from "@presence/admin";
import type { AppModule, Runtime } from "@presence/runtime";
import { createSlackBridge } from "@presence/slack-bridge";
import { createTeamsBridge } from "@presence/teams-bridge";
import { createWebhookBridge } from "@presence/webhook-bridge";

import type { Demo } from "./demo/start-demo.ts";
import type { AllInOneEnv } from "./env.ts";

/**
 * The apps of the all-in-one process (admin, the Slack, Teams and webhook bridges). Each side without credentials in the zero-config demo
 * runs against its built-in emulator, configured exactly as a real Slack or Microsoft would be.
 */
export async function composeApps(
  runtime: Runtime,
  env: AllInOneEnv,
  options: { publicBaseUrl: string; demo: Demo | null },
): Promise<AppModule[]> {
  const { demo, publicBaseUrl } = options;
  const slackConfig = demo?.slack ? { ...env, ...demo.slack.env, PUBLIC_BASE_URL: publicBaseUrl } : env;
  const teamsConfig = demo?.graph ? { ...env, ...demo.graph.config } : env;
  // The emulator's certificate in the demo; else GRAPH_CA_FILE's contents (a TLS-inspecting proxy).
  const ca = demo?.graph?.ca ?? env.GRAPH_CA_FILE;
  return [
    await createAdmin(runtime, {
      config: { ...env, ...demo?.slack?.env, ...demo?.graph?.config, PUBLIC_BASE_URL: publicBaseUrl },
      ownUrl: publicBaseUrl,
      // Open to local callers only when neither side is real (README: Admin API).
      demo: Boolean(demo?.slack && demo.graph),
      ...(ca ? { entraCa: ca } : {}),
      ...(demo?.panel ? { demoPanel: demo.panel, demoAdminLoginHint: demo.adminLoginHint } : {}),
    }),
    await createSlackBridge(runtime, slackConfig),
    await createTeamsBridge(runtime, teamsConfig, ca ? { ca } : {}),
    createWebhookBridge(runtime, env),
  ];
}
