export * from "./app-credential.ts";
export * from "./confidential-client.ts";
export * from "./msal-network-client.ts";
export * from "./tls-fetch.ts";
