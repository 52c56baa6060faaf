export * from "./create-admin.ts";
export * from "./env.ts";
