export * from "./create-slack-bridge.ts";
export * from "./demo/start-slack-emulator.ts";
export * from "./env.ts";
