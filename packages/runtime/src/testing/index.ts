export * from "./free-port.ts";
export * from "./fuzz-checks.ts";
export * from "./raw-http.ts";
export * from "./serve-router.ts";
