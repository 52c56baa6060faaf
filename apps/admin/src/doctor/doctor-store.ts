import { createDbClient, type DbClient } from "@presence/db";

import { withTimeout } from "./doctor-network.ts";

/**
 * The store for the checks that read it: a small pool whose every query gives up after the timeout
 * (a Prisma query extension; the extended client serves the repositories as the plain one does).
 */
export function openDoctorStore(url: string, timeoutMs: number): { db: DbClient; close(): Promise<void> } {
  const client = createDbClient({ url, poolSize: 2 });
  const db = client.$extends({
    query: {
      $allOperations: ({ args, query, model, operation }) =>
        withTimeout(query(args), timeoutMs, `database ${model ? `${model}.` : ""}${operation}`),
    },
  });
  return {
    // The extension adds no method and changes no result: only its type differs.
    db: db as unknown as DbClient,
    close: () => withTimeout(client.$disconnect(), timeoutMs, "database").catch(() => undefined),
  };
}
