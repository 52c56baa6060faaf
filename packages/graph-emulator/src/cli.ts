import { writeFile } from "node:fs/promises";
import { readEnv } from "./env.ts";
import { startGraphEmulator } from "./server.ts";

/** Stand-alone emulator for the demo: prints its URL, writes its CA, serves until SIGINT/SIGTERM. */
const env = readEnv();
const emulator = await startGraphEmulator({
  host: env.GRAPH_EMULATOR_HOST,
  port: env.GRAPH_EMULATOR_PORT,
  hostnames: env.GRAPH_EMULATOR_HOSTNAMES,
  timeScale: env.GRAPH_EMULATOR_TIME_SCALE,
});
if (env.GRAPH_EMULATOR_CA_FILE) await writeFile(env.GRAPH_EMULATOR_CA_FILE, emulator.ca);
process.stdout.write(
  `graph-emulator listening on ${emulator.url}\n` +
    `  AZURE_AUTHORITY_HOST=${emulator.url}\n  GRAPH_BASE_URL=${emulator.url}\n` +
    `  CA: ${env.GRAPH_EMULATOR_CA_FILE ?? `${emulator.url}/_emulator/ca.pem`}\n`,
);
const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
