export * from "./create-teams-bridge.ts";
export * from "./env.ts";
