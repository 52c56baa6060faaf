export * from "./describe-spoke-contract.ts";
export * from "./harness.ts";
