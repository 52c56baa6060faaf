export * from "./connect-state.ts";
export * from "./connection-service.ts";
export * from "./graph-service.ts";
export * from "./key-service.ts";
export * from "./link-service.ts";
export * from "./oauth-flows.ts";
export * from "./person-settings-service.ts";
export * from "./resolve-person.ts";
