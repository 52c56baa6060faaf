export * from "./create-slack-bridge.ts";
export { completeSlackOAuth } from "./demo/oauth-browser.ts";
export * from "./demo/start-slack-emulator.ts";
export * from "./env.ts";
export { PostgresInstallationStore } from "./store/postgres-installation-store.ts";
