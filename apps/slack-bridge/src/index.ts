export * from "./create-slack-bridge.ts";
export * from "./env.ts";
