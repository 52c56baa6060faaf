// The demo emulators in a container of their own (docker-compose's `demo` profile): the built-in Slack and
// Graph/Entra emulators, seeded with the demo people and with the apps the bridges are configured for. Once
// the Slack bridge answers, the demo is attached as `pnpm start` does it: the Slack app installed through
// the bridge's own OAuth pages, everyone connected, people linked by e-mail, the demo admins allowed in.
import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

import { generateServerCertificate } from "@presence/graph-emulator";

import { createDbClient } from "@presence/db";
import { createLogger } from "@presence/telemetry";

import { loadDemoEmulatorsEnv } from "../env.ts";
import { startDemo } from "./start-demo.ts";

const env = loadDemoEmulatorsEnv();
const logger = createLogger({ service: "demo-emulators", level: env.LOG_LEVEL });
const { certificate, fresh } = await keptCertificate(env.DEMO_CA_FILE, env.DEMO_HOSTNAMES);
const demo = await startDemo({
  publicBaseUrl: env.PUBLIC_BASE_URL,
  port: 0,
  logger,
  slack: true,
  graph: true,
  container: {
    host: env.DEMO_HOST,
    hostnames: env.DEMO_HOSTNAMES,
    slackPort: env.DEMO_SLACK_PORT,
    graphPort: env.DEMO_GRAPH_PORT,
    slackApp: {
      clientId: env.SLACK_CLIENT_ID,
      clientSecret: env.SLACK_CLIENT_SECRET,
      signingSecret: env.SLACK_SIGNING_SECRET,
    },
    entraApp: {
      tenantId: env.AZURE_TENANT_ID,
      clientId: env.AZURE_CLIENT_ID,
      clientSecret: env.AZURE_CLIENT_SECRET,
    },
    adminBaseUrl: env.ADMIN_BASE_URL,
    certificate,
  },
});
// A new certificate is published only now that the emulators listen: a bridge that finds it can reach them.
if (fresh) writeCertificate(env.DEMO_CA_FILE, certificate);
logger.info({ ca: env.DEMO_CA_FILE }, "demo emulators listening; waiting for the Slack bridge");

const db = createDbClient({ url: env.DATABASE_URL, poolSize: 2 });
await waitFor(`${env.DEMO_SLACK_BRIDGE_URL}/readyz`);
await demo.attach(env.DEMO_SLACK_BRIDGE_URL, db, logger);

const stop = async () => {
  await demo.close();
  await db.$disconnect();
  process.exit(0);
};
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());

async function waitFor(url: string): Promise<void> {
  for (;;) {
    const ready = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** Where the certificate's private key is kept: beside the CA file. */
function keyFileOf(caFile: string): string {
  return `${caFile}.key`;
}

interface PemPair {
  cert: string;
  key: string;
}

/**
 * The Graph emulator's certificate, kept beside the CA file the apps trust (they read it once, at start):
 * after a restart of the stack the emulators serve the same one, until it nears its expiry. A new one is
 * `fresh`: written with writeCertificate once the emulators listen.
 */
async function keptCertificate(
  caFile: string,
  hostnames: string[],
): Promise<{ certificate: PemPair; fresh: boolean }> {
  const keyFile = keyFileOf(caFile);
  if (existsSync(caFile) && existsSync(keyFile)) {
    const kept = { cert: readFileSync(caFile, "utf8"), key: readFileSync(keyFile, "utf8") };
    const validTo = Date.parse(new X509Certificate(kept.cert).validTo);
    if (validTo - Date.now() > 3_600_000) return { certificate: kept, fresh: false };
  }
  // An app starting meanwhile must not trust the old certificate (it reads the file once): it waits for the new one.
  rmSync(caFile, { force: true });
  rmSync(keyFile, { force: true });
  return { certificate: await generateServerCertificate(hostnames), fresh: true };
}

/**
 * The key first, then the CA file the apps wait for (GRAPH_CA_FILE must exist when they start), renamed into
 * place so that an app never reads half a file.
 */
function writeCertificate(caFile: string, certificate: PemPair): void {
  mkdirSync(dirname(caFile), { recursive: true });
  writeFileSync(keyFileOf(caFile), certificate.key, { mode: 0o600 });
  writeFileSync(`${caFile}.new`, certificate.cert);
  renameSync(`${caFile}.new`, caFile);
}
