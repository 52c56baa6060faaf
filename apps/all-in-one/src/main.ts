// The all-in-one process: admin, Slack bridge and Teams bridge on one port, one pipeline worker.
// Zero-config demo: with no DATABASE_URL, each side without credentials runs against its built-in emulator
// (Slack on PORT+1, Graph on PORT+2) and the demo people are linked. With DATABASE_URL set, missing
// credentials are a configuration error instead.
import { runProcess } from "@presence/runtime";
import { hasSlackCredentials } from "@presence/slack-bridge";
import { hasMicrosoftIdentity } from "@presence/teams-bridge";

import { composeApps } from "./compose-apps.ts";
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
    return composeApps(runtime, env, { publicBaseUrl, demo });
  },
  afterStop: async () => holder.demo?.close(),
});
await holder.demo?.attach(running.url, runtime.db, runtime.logger);
