export * from "./connect-state.ts";
export * from "./graph-service.ts";
export * from "./key-service.ts";
export * from "./link-service.ts";
export * from "./resolve-person.ts";
