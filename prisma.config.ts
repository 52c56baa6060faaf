// Prisma CLI configuration. Prisma runs fully offline here: the "js" engine with the pg driver
// adapter needs no downloaded engine binary (docs/adr/0002-prisma-offline.md).
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => new PrismaPg(pgConfigFromUrl(requiredDatabaseUrl())),
});

function requiredDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the Prisma CLI needs a database to migrate");
  return url;
}

// A config object rather than a URL string: with a string the adapter cannot derive a shadow database.
function pgConfigFromUrl(raw: string) {
  const url = new URL(raw);
  return {
    host: decodeURIComponent(url.hostname) || "127.0.0.1",
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database: url.pathname.slice(1) || undefined,
    // The CLI exits only once idle connections close.
    idleTimeoutMillis: 200,
    ssl: url.searchParams.get("sslmode") === "require" ? { rejectUnauthorized: false } : undefined,
  };
}
