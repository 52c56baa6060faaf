export * from "./app-module.ts";
export * from "./node-flags.ts";
export * from "./on-shutdown.ts";
export * from "./run-apps.ts";
export * from "./start-runtime.ts";
export * from "./run-process.ts";
