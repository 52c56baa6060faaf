import type { DbClient } from "@presence/db";

import { finishFetches, listPendingFetches } from "../store/presence-fetches.ts";
import { MAX_IDS_PER_REQUEST, type PresenceReader } from "./presence-reader.ts";

/** People read per run of the fetch job (four getPresencesByUserId requests). */
const BATCH = MAX_IDS_PER_REQUEST * 4;

/**
 * The fetch job: reads the presence of the people change notifications named (basic notifications
 * carry no presence) and takes the changes in. A person notified again while the read was under way
 * keeps their row (its request time moved past the ones read) and is read again. Returns whether
 * people are still waiting.
 */
export async function fetchNotified(
  db: DbClient,
  reader: PresenceReader,
  tenantId: string,
): Promise<boolean> {
  const pending = await listPendingFetches(db, tenantId, BATCH);
  if (pending.length === 0) return false;
  const readUpTo = pending.reduce((max, row) => (row.requestedAt > max ? row.requestedAt : max), new Date(0));
  await reader.read(
    tenantId,
    pending.map((row) => row.userId),
    "graph:notification",
  );
  return finishFetches(
    db,
    tenantId,
    pending.map((row) => row.userId),
    readUpTo,
  );
}
