// The all-in-one process: admin, Slack bridge and Teams bridge on one port, one pipeline worker.
// Zero-config demo: with no DATABASE_URL, each side without credentials runs against its built-in emulator
// (Slack on PORT+1, Graph on PORT+2) and the demo people are linked. With DATABASE_URL set, missing
// credentials are a configuration error instead.
import { createAdmin } from "@presence/admin";
import { runProcess } from "@presence/runtime";
import { createSlackBridge, hasSlackCredentials } from "@presence/slack-bridge";
import { createTeamsBridge, hasMicrosoftIdentity } from "@presence/teams-bridge";

import { startDemo, type Demo } from "./demo/start-demo.ts";
import { loadAllInOneEnv } from "./env.ts";

const env = loadAllInOneEnv();
const publicBaseUrl = env.PUBLIC_BASE_URL ?? `http://${env.HOST}:${env.PORT}`;
const demoSides = {
  slack: !env.DATABASE_URL && !hasSlackCredentials(env),
  graph: !env.DATABASE_URL && !hasMicrosoftIdentity(env),
};
const holder: { demo?: Demo } = {};

const { runtime, running } = await runProcess({
  service: "all-in-one",
  env,
  host: env.HOST,
  port: env.PORT,
  modules: async (runtime) => {
    const demo =
      demoSides.slack || demoSides.graph
        ? await startDemo({ publicBaseUrl, port: env.PORT, logger: runtime.logger, ...demoSides })
        : null;
    if (demo) holder.demo = demo;
    const slackConfig = demo?.slack ? { ...env, ...demo.slack.env, PUBLIC_BASE_URL: publicBaseUrl } : env;
    const teamsConfig = demo?.graph ? { ...env, ...demo.graph.config } : env;
    return [
      await createAdmin(runtime, {
        config: { ...env, ...demo?.slack?.env, ...demo?.graph?.config, PUBLIC_BASE_URL: publicBaseUrl },
        ownUrl: publicBaseUrl,
        // Open to local callers only when neither side is real (docs: Admin API).
        demo: demoSides.slack && demoSides.graph,
        ...(demo?.graph ? { entraCa: demo.graph.ca } : {}),
        ...(demo?.panel ? { demoPanel: demo.panel, demoAdminLoginHint: demo.adminLoginHint } : {}),
      }),
      await createSlackBridge(runtime, slackConfig),
      await createTeamsBridge(runtime, teamsConfig, demo?.graph ? { ca: demo.graph.ca } : {}),
    ];
  },
  afterStop: async () => holder.demo?.close(),
});
await holder.demo?.attach(running.url, runtime.db, runtime.logger);
