export * from "./create-teams-bridge.ts";
export * from "./demo/start-graph-emulator.ts";
export * from "./env.ts";
export { hasMicrosoftIdentity, resolveTeamsSettings, type TeamsSettings } from "./teams-settings.ts";
