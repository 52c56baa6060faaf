import type { DemoPanel } from "@presence/admin";
import type { DbClient } from "@presence/db";
import { addAdminPrincipal, findDirectoryByEmail, findLinkBySlack } from "@presence/db";
import { linkByEmail } from "@presence/services";
import { startDemoSlack, type DemoPerson, type DemoSlack } from "@presence/slack-bridge";
import type { Logger } from "@presence/telemetry";
import { startGraphDemo, type GraphDemo } from "@presence/teams-bridge";

import { createDemoPanel } from "./demo-panel.ts";

/** The same four people in the demo's Slack workspace and Microsoft tenant (same e-mail on both sides). */
export const DEMO_PEOPLE: DemoPerson[] = [
  { nickname: "ada", displayName: "Ada Lovelace", email: "ada@demo-company.test" },
  { nickname: "grace", displayName: "Grace Hopper", email: "grace@demo-company.test" },
  { nickname: "alan", displayName: "Alan Turing", email: "alan@demo-company.test" },
  { nickname: "katherine", displayName: "Katherine Johnson", email: "katherine@demo-company.test" },
];

export interface Demo {
  slack: DemoSlack | null;
  graph: GraphDemo | null;
  /** With both emulators: the admin UI's panel that changes people's states in them. */
  panel: DemoPanel | null;
  /** Who the admin UI's sign-in page offers to sign in as (the demo IT admin). */
  adminLoginHint: string;
  /** Once the bridges listen: install the Slack app, connect everyone, link each person by e-mail. */
  attach(bridgeUrl: string, db: DbClient, logger: Logger): Promise<void>;
  close(): Promise<void>;
}

/** Where and as what the emulators run when they have a container of their own. */
export interface DemoEmulatorsOptions {
  host: string;
  hostnames: string[];
  slackPort: number;
  graphPort: number;
  slackApp: { clientId: string; clientSecret: string; signingSecret: string };
  entraApp: { tenantId: string; clientId: string; clientSecret: string };
  adminBaseUrl: string;
  /** The Graph emulator's certificate from an earlier run (the apps trust it already). */
  certificate?: { cert: string; key: string };
}

/**
 * The zero-config demo: the built-in Slack and Graph emulators (for each side without credentials),
 * on the ports after the app's, seeded with the same people, who get linked by e-mail as an admin would.
 */
export async function startDemo(options: {
  publicBaseUrl: string;
  port: number;
  logger: Logger;
  slack: boolean;
  graph: boolean;
  /** The emulators in a container of their own (docker-compose's demo profile): see DemoEmulatorsOptions. */
  container?: DemoEmulatorsOptions;
  /** Who is in both directories (default DEMO_PEOPLE; the first installs the Slack app). */
  people?: DemoPerson[];
}): Promise<Demo> {
  const c = options.container;
  const people = options.people ?? DEMO_PEOPLE;
  const slack = options.slack
    ? await startDemoSlack({
        publicBaseUrl: options.publicBaseUrl,
        logger: options.logger,
        people,
        port: c ? c.slackPort : options.port === 0 ? 0 : options.port + 1,
        ...(c ? { host: c.host, app: c.slackApp } : {}),
      })
    : null;
  const graph = options.graph
    ? await startGraphDemo({
        publicBaseUrl: options.publicBaseUrl,
        people,
        port: c ? c.graphPort : options.port === 0 ? 0 : options.port + 2,
        ...(c
          ? {
              host: c.host,
              hostnames: c.hostnames,
              identity: c.entraApp,
              adminBaseUrl: c.adminBaseUrl,
              ...(c.certificate ? { certificate: c.certificate } : {}),
            }
          : {}),
      })
    : null;
  return {
    slack,
    graph,
    panel: slack && graph ? createDemoPanel(slack, graph) : null,
    adminLoginHint: graph?.admin.userPrincipalName ?? "",
    async attach(bridgeUrl, db, logger) {
      await slack?.attach(bridgeUrl);
      // The demo's IT admins (an Entra group) may use the admin UI, as an admin would set it up.
      if (graph) await addAdminPrincipal(db, { kind: "entra_group", value: graph.adminGroupId }, "demo");
      if (!slack || !graph) return;
      const deadline = Date.now() + LINK_WAIT_MS;
      for (const person of people) await linkWhenListed(db, person.email, deadline, logger);
      logger.warn(
        {
          slackEmulator: slack.emulator.url,
          graphEmulator: graph.emulator.url,
          people: people.map((p) => p.email),
          adminUi: bridgeUrl,
          signInAs: graph.admin.userPrincipalName,
        },
        "demo ready: open the admin UI, sign in as the demo admin, and change someone's Teams or Slack state on its Demo page (or through the emulators, README: Quick start)",
      );
    },
    async close() {
      await slack?.close();
      await graph?.close();
    },
  };
}

/**
 * How long the demo waits for both bridges to list everyone: a bridge that started before the emulators
 * listened reads its directory again 30 s later (a slow machine may need a few such tries).
 */
const LINK_WAIT_MS = 180_000;

/** Links a person once both bridges have listed them in the directory (directory syncs run at start). */
async function linkWhenListed(db: DbClient, email: string, deadline: number, logger: Logger): Promise<void> {
  for (;;) {
    const [slackEntry] = await findDirectoryByEmail(db, "slack", email);
    if (slackEntry && (await findLinkBySlack(db, slackEntry.scopeId, slackEntry.userId))) return;
    const [teamsEntry] = await findDirectoryByEmail(db, "teams", email);
    if (slackEntry && teamsEntry) {
      await linkByEmail(db, email, { name: "demo" });
      return;
    }
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  logger.warn(
    { email, waitedSeconds: LINK_WAIT_MS / 1000 },
    "demo: person not listed on both sides in time; link them with `pnpm presence link --email`",
  );
}
