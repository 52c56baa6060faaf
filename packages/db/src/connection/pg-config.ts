import type { PoolConfig } from "pg";

/**
 * A pg pool config from a postgres:// URL. Prisma's adapter needs an object (not a URL string) to
 * derive a shadow database, and both the store and the queue use the same parsing.
 */
export function pgConfigFromUrl(raw: string, extra: PoolConfig = {}): PoolConfig {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error("DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got ${url.protocol}//)`);
  }
  const sslmode = url.searchParams.get("sslmode");
  return {
    host: decodeURIComponent(url.hostname) || "127.0.0.1",
    port: url.port ? Number(url.port) : 5432,
    user: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database: url.pathname.length > 1 ? decodeURIComponent(url.pathname.slice(1)) : undefined,
    ssl:
      sslmode === "require" || sslmode === "verify-full"
        ? { rejectUnauthorized: sslmode === "verify-full" }
        : undefined,
    // Times are stored as UTC in `timestamp` columns and passed as UTC without an offset: every session
    // must run in UTC whatever the server's configured zone (initdb copies the OS zone).
    options: "-c TimeZone=UTC",
    ...extra,
  };
}

/** The same URL pointing at another database on the same server. */
export function withDatabase(raw: string, database: string): string {
  const url = new URL(raw);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}
