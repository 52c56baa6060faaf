import type { Side } from "@presence/core";

import type { Db } from "../client.ts";
import type { DirectoryEntry } from "../generated/prisma/client.ts";

export interface DirectoryEntryInput {
  side: Side;
  /** Slack team id or Entra tenant id. */
  scopeId: string;
  userId: string;
  email: string | null;
  displayName: string;
}

/** Records people seen on a side (from Slack users.list or the Graph users listing). */
export async function upsertDirectoryEntries(db: Db, entries: readonly DirectoryEntryInput[]): Promise<void> {
  for (const entry of entries) {
    const data = { email: entry.email?.toLowerCase() ?? null, displayName: entry.displayName };
    await db.directoryEntry.upsert({
      where: { side_scopeId_userId: { side: entry.side, scopeId: entry.scopeId, userId: entry.userId } },
      create: { side: entry.side, scopeId: entry.scopeId, userId: entry.userId, ...data },
      update: data,
    });
  }
}

/** People on one side with this e-mail address (normally zero or one). */
export async function findDirectoryByEmail(db: Db, side: Side, email: string): Promise<DirectoryEntry[]> {
  return db.directoryEntry.findMany({ where: { side, email: email.trim().toLowerCase() } });
}

export async function getDirectoryEntry(
  db: Db,
  side: Side,
  scopeId: string,
  userId: string,
): Promise<DirectoryEntry | null> {
  return db.directoryEntry.findUnique({ where: { side_scopeId_userId: { side, scopeId, userId } } });
}
