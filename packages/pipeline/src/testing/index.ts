export * from "./wait-for-idle.ts";
