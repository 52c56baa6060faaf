import { BOT_EVENTS, USER_EVENTS } from "@presence/core";
import { startSlackEmulator, type SlackEmulator } from "@presence/slack-emulator";
import type { Logger } from "@presence/telemetry";

import { completeSlackOAuth } from "./oauth-browser.ts";

/** The Slack settings the bridge is then started with: the same names as the environment's. */
export interface DemoSlackEnv {
  SLACK_CLIENT_ID: string;
  SLACK_CLIENT_SECRET: string;
  SLACK_SIGNING_SECRET: string;
  SLACK_API_URL: string;
  SLACK_AUTHORIZE_URL: string;
}

export interface DemoSlack {
  emulator: SlackEmulator;
  env: DemoSlackEnv;
  people: { id: string; name: string; email: string }[];
  /**
   * Once the bridge listens at `bridgeUrl`: registers its Request URL (Slack's url_verification
   * handshake), installs the app through the bridge's own /slack/install as the workspace owner, and
   * connects every other person through /slack/connect — the same OAuth flows a real Slack runs.
   */
  attach(bridgeUrl: string): Promise<void>;
  close(): Promise<void>;
}

/** A demo person: the first one installs the app (the workspace owner). */
export interface DemoPerson {
  nickname: string;
  displayName: string;
  email: string;
}

const DEFAULT_PEOPLE: DemoPerson[] = [
  { nickname: "ada", displayName: "Ada Lovelace", email: "ada@demo-company.test" },
  { nickname: "grace", displayName: "Grace Hopper", email: "grace@demo-company.test" },
  { nickname: "linus", displayName: "Linus Torvalds", email: "linus@demo-company.test" },
];

/**
 * The zero-config demo's Slack: the Slack emulator in this process with a small workspace and the
 * bridge app registered for `publicBaseUrl` (where Slack redirects browsers back to). The bridge only
 * sees env-style settings (SLACK_API_URL pointing here, client id and secrets of the emulated app).
 */
export async function startDemoSlack(options: {
  publicBaseUrl: string;
  logger: Logger;
  people?: DemoPerson[];
  /** The emulator's port (0 = any free one). */
  port?: number;
  /** Where the emulator listens (default 127.0.0.1; a container: 0.0.0.0). */
  host?: string;
  /** The emulated app's credentials, when the bridge already has them (docker-compose's demo profile). */
  app?: { clientId: string; clientSecret: string; signingSecret: string };
}): Promise<DemoSlack> {
  const emulator = await startSlackEmulator({
    port: options.port ?? 0,
    ...(options.host ? { host: options.host } : {}),
  });
  const { control } = emulator;
  const workspace = control.createWorkspace({
    name: "Demo Company",
    domain: "demo-company",
    plan: "paid",
    profileSource: "api",
  });
  const people = (options.people ?? DEFAULT_PEOPLE).map((p, index) => {
    const user = control.createUser({
      teamId: workspace.id,
      name: p.nickname,
      realName: p.displayName,
      role: index === 0 ? "owner" : "member",
      email: p.email,
    });
    return { id: user.id, name: p.displayName, email: p.email };
  });
  const { app } = control.createApp({
    ...options.app,
    name: "Presence Bridge (demo)",
    botEvents: BOT_EVENTS,
    userEvents: USER_EVENTS,
    // The bridge's OAuth (install, connect) and the admin app's "Sign in with Slack".
    redirectUrls: [
      `${options.publicBaseUrl}/slack/oauth_redirect`,
      `${options.publicBaseUrl}/auth/slack/callback`,
    ],
  });
  options.logger.warn(
    {
      slackApiUrl: emulator.apiUrl,
      workspace: workspace.id,
      people: people.map((p) => `${p.name} <${p.email}>`),
    },
    "No Slack credentials set: running against the built-in Slack emulator (demo). Set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET for a real Slack.",
  );
  return {
    emulator,
    people,
    env: {
      SLACK_CLIENT_ID: app.clientId,
      SLACK_CLIENT_SECRET: app.clientSecret,
      SLACK_SIGNING_SECRET: app.signingSecret,
      SLACK_API_URL: emulator.apiUrl,
      SLACK_AUTHORIZE_URL: emulator.authorizeUrl,
    },
    async attach(bridgeUrl) {
      const verified = await control.setRequestUrl({ appId: app.id, url: `${bridgeUrl}/slack/events` });
      if (!verified.verified)
        throw new Error(`the emulated Slack could not verify ${bridgeUrl}/slack/events: ${verified.problem}`);
      const [owner, ...others] = people;
      if (!owner) return;
      const installed = await completeSlackOAuth(`${bridgeUrl}/slack/install`, owner.id);
      if (installed.status !== 200) throw new Error(`demo install failed (${installed.status})`);
      for (const person of others) {
        const connected = await completeSlackOAuth(`${bridgeUrl}/slack/connect`, person.id);
        if (connected.status !== 200)
          throw new Error(`demo connect of ${person.name} failed (${connected.status})`);
      }
      options.logger.info(
        { workspace: workspace.id, installedBy: owner.name, connected: others.map((p) => p.name) },
        "demo Slack workspace installed and everyone connected",
      );
    },
    close: () => emulator.close(),
  };
}
