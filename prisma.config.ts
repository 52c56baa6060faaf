// Prisma CLI configuration. Prisma runs fully offline here: the "js" engine with the pg driver
// adapter needs no downloaded engine binary (docs/adr/0002-prisma-offline.md).
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

import { pgConfigFromUrl } from "./packages/db/src/connection/pg-config.ts";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  engine: "js",
  experimental: { adapter: true },
  // The CLI exits only once idle connections close, hence the short idle timeout.
  adapter: async () => new PrismaPg(pgConfigFromUrl(requiredDatabaseUrl(), { idleTimeoutMillis: 200 })),
});

function requiredDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the Prisma CLI needs a database to migrate");
  return url;
}
