export * from "./wait-for-idle.ts";
export * from "./queued-observations.ts";
