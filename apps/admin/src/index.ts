export * from "./create-admin.ts";
export * from "./env.ts";
export * from "./demo/demo-panel.ts";
export { openApiDocument } from "./api/openapi.ts";
