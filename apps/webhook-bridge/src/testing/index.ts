export * from "./signed-request.ts";
export * from "./test-receiver.ts";
export * from "./test-system.ts";
