export * from "./create-logger.ts";
export * from "./metrics.ts";
export * from "./ops-router.ts";
