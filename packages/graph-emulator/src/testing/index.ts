// Test helpers for SDK tests against the emulator (its own tests, and the Teams bridge's).
export * from "./app-certificate.ts";
export * from "./eventually.ts";
export * from "./fixture.ts";
export * from "./notification-receiver.ts";
export * from "./sdk-clients.ts";
export * from "./sign-in.ts";
export * from "./trusting-network.ts";
export * from "./app-client.ts";
