export * from "./client.ts";
export * from "./connection/pg-config.ts";
export * from "./crypto/key-ring.ts";
export * from "./crypto/secret-cipher.ts";
export * from "./embedded/start-embedded-postgres.ts";
export * from "./errors/classify-db-error.ts";
export * from "./migrate/migrate-database.ts";
export * from "./migrate/pending-migrations.ts";
export * from "./repositories/admin-principals.ts";
export * from "./repositories/app-instances.ts";
export * from "./repositories/bulk-link-runs.ts";
export * from "./repositories/credentials.ts";
export * from "./repositories/directory.ts";
export * from "./repositories/expectations.ts";
export * from "./repositories/inbound-events.ts";
export * from "./repositories/link-sides.ts";
export * from "./repositories/links.ts";
export * from "./repositories/overview.ts";
export * from "./repositories/rule-dry-runs.ts";
export * from "./repositories/rules.ts";
export * from "./repositories/settings.ts";
export * from "./repositories/spoke-reads.ts";
export * from "./repositories/sync-events.ts";
export * from "./repositories/web-sessions.ts";
export * from "./repositories/webhook-connections.ts";
export type {
  AdminPrincipal,
  AppInstance,
  BulkLinkRun,
  Credential,
  DirectoryEntry,
  GraphPresenceFetch,
  GraphServiceAccount,
  GraphSubscription,
  Link,
  LinkSide,
  RuleDryRun,
  SlackInstallation,
  SyncEvent,
  WebSession,
  WebhookConnection,
} from "./generated/prisma/client.ts";
export { Prisma } from "./generated/prisma/client.ts";
export * from "./runtime/resolve-database.ts";
export * from "./runtime/resolve-key-ring.ts";
