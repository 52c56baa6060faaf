import { PrismaPg } from "@prisma/adapter-pg";

import { pgConfigFromUrl } from "./connection/pg-config.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

export interface CreateDbClientOptions {
  url: string;
  /** Connections in this client's pool. */
  poolSize?: number;
}

/** A Prisma client for the store, on the pg driver adapter (no native engine). The app owns its lifetime. */
export function createDbClient({ url, poolSize = 10 }: CreateDbClientOptions) {
  return new PrismaClient({ adapter: new PrismaPg(pgConfigFromUrl(url, { max: poolSize })) });
}

export type DbClient = ReturnType<typeof createDbClient>;
/** A client or an interactive transaction: repositories accept either. */
export type Db = Omit<DbClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
