import { BridgeError } from "@presence/core";

import type { Db } from "../client.ts";
import type { BulkLinkRun } from "../generated/prisma/client.ts";

export async function createBulkLinkRun(
  db: Db,
  emails: readonly string[],
  requestedBy: string,
): Promise<BulkLinkRun> {
  return db.bulkLinkRun.create({ data: { emails: [...emails], total: emails.length, requestedBy } });
}

export async function getBulkLinkRun(db: Db, id: string): Promise<BulkLinkRun> {
  const run = await db.bulkLinkRun.findUnique({ where: { id } });
  if (!run) throw new BridgeError("not_found", `No automatic-linking run ${id}`);
  return run;
}

/** The newest runs first (without their e-mail lists). */
export async function listBulkLinkRuns(db: Db, limit = 20): Promise<Omit<BulkLinkRun, "emails">[]> {
  return db.bulkLinkRun.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    omit: { emails: true },
  });
}

/** Locks a run's row for the rest of the transaction (one job works on a run at a time). */
export async function lockBulkLinkRun(db: Db, id: string): Promise<BulkLinkRun | null> {
  const [run] = await db.$queryRaw<BulkLinkRun[]>`SELECT * FROM "BulkLinkRun" WHERE "id" = ${id} FOR UPDATE`;
  return run ?? null;
}

export type BulkLinkRunChange = Partial<
  Pick<
    BulkLinkRun,
    "status" | "processed" | "linked" | "skipped" | "failed" | "undone" | "error" | "startedAt" | "finishedAt"
  >
>;

export async function updateBulkLinkRun(db: Db, id: string, change: BulkLinkRunChange): Promise<BulkLinkRun> {
  return db.bulkLinkRun.update({ where: { id }, data: change });
}
