export * from "./slack-spoke.ts";
export * from "./spoke-adapter.ts";
export * from "./spoke-identity.ts";
export * from "./spoke-limits.ts";
export * from "./spoke-observe.ts";
export * from "./spoke-write.ts";
export * from "./teams-spoke.ts";
