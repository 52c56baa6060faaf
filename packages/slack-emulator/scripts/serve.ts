// Runs the Slack emulator as a standalone server, to drive it over HTTP (`/_emulator/...`) from
// another process:
//
//   pnpm --filter @presence/slack-emulator serve [--port 3100] [--host 127.0.0.1] [--seed]
//
// --seed creates a workspace with three people and the bridge app installed, and prints its tokens.
import { parseArgs } from "node:util";
import { startSlackEmulator } from "../src/index.ts";
import { seedWorkspace } from "../src/testing/index.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    host: { type: "string", default: "127.0.0.1" },
    seed: { type: "boolean", default: false },
  },
});

const emulator = await startSlackEmulator({ port: Number(values.port), host: values.host });
const summary: Record<string, unknown> = {
  url: emulator.url,
  apiUrl: emulator.apiUrl,
  authorizeUrl: emulator.authorizeUrl,
  openidAuthorizeUrl: emulator.openidAuthorizeUrl,
  openidJwksUrl: emulator.openidJwksUrl,
  control: `${emulator.url}/_emulator`,
};
if (values.seed) {
  const seeded = seedWorkspace(emulator);
  summary.seed = {
    teamId: seeded.workspace.id,
    appId: seeded.app.id,
    clientId: seeded.app.clientId,
    clientSecret: seeded.app.clientSecret,
    signingSecret: seeded.app.signingSecret,
    appToken: seeded.appToken,
    botToken: seeded.install.bot.token,
    people: seeded.people.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      userToken: seeded.userTokens.get(p.id),
    })),
  };
}
console.log(JSON.stringify(summary, null, 2));

const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
