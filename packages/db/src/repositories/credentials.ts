import type { KeyRing } from "../crypto/key-ring.ts";
import { openSecret, sealSecret } from "../crypto/secret-cipher.ts";
import type { Db, DbClient } from "../client.ts";
import type { Credential } from "../generated/prisma/client.ts";

export interface CredentialInput {
  kind: string;
  owner: string;
  secret: string;
  expiresAt?: Date | null;
}

function context(kind: string, owner: string): string {
  return `${kind}\u0000${owner}`;
}

/** Stores (or replaces) a secret, encrypted under the ring's current key. */
export async function putCredential(db: Db, ring: KeyRing, input: CredentialInput): Promise<void> {
  const sealed = sealSecret(ring, input.secret, context(input.kind, input.owner));
  const data = { keyId: sealed.keyId, ciphertext: sealed.ciphertext, expiresAt: input.expiresAt ?? null };
  await db.credential.upsert({
    where: { kind_owner: { kind: input.kind, owner: input.owner } },
    create: { kind: input.kind, owner: input.owner, ...data },
    update: data,
  });
}

/** The decrypted secret, or null when none is stored. */
export async function getCredential(
  db: Db,
  ring: KeyRing,
  kind: string,
  owner: string,
): Promise<{ secret: string; expiresAt: Date | null } | null> {
  const row = await db.credential.findUnique({ where: { kind_owner: { kind, owner } } });
  if (!row) return null;
  return { secret: openSecret(ring, row, context(kind, owner)), expiresAt: row.expiresAt };
}

/** Takes a secret out of the store: read and deleted at once, so it can be used only once. */
export async function takeCredential(
  db: Db,
  ring: KeyRing,
  kind: string,
  owner: string,
): Promise<{ secret: string; expiresAt: Date | null } | null> {
  const [row] = await db.$queryRaw<Credential[]>`
    DELETE FROM "Credential" WHERE "kind" = ${kind} AND "owner" = ${owner} RETURNING *`;
  if (!row) return null;
  return { secret: openSecret(ring, row, context(kind, owner)), expiresAt: row.expiresAt };
}

/** Deletes the secrets of one owner (all kinds, or the given ones). Returns how many were deleted. */
export async function deleteCredentials(db: Db, owner: string, kinds?: readonly string[]): Promise<number> {
  const result = await db.credential.deleteMany({
    where: { owner, ...(kinds ? { kind: { in: [...kinds] } } : {}) },
  });
  return result.count;
}

/**
 * Re-encrypts every secret not yet under the ring's current key (key rotation). Each batch is
 * one transaction; running it again after an interruption finishes the job.
 */
export async function rotateCredentials(db: DbClient, ring: KeyRing, batchSize = 200): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await db.credential.findMany({
      where: { keyId: { not: ring.currentId } },
      take: batchSize,
      orderBy: { id: "asc" },
    });
    if (rows.length === 0) return total;
    let rotated = 0;
    await db.$transaction(async (tx) => {
      for (const row of rows) {
        const secret = openSecret(ring, row, context(row.kind, row.owner));
        const sealed = sealSecret(ring, secret, context(row.kind, row.owner));
        // Compare-and-swap: a secret replaced since it was read (a refreshed token) is never overwritten
        // with the old one; if it is still under an old key, the next pass re-reads and rotates it.
        const { count } = await tx.credential.updateMany({
          where: { id: row.id, ciphertext: row.ciphertext },
          data: sealed,
        });
        rotated += count;
      }
    });
    total += rotated;
  }
}

/**
 * Deletes every Slack secret of one person, whether stored under their workspace or, for an Enterprise
 * Grid org-wide install, under the organisation (Slack user ids are unique within an organisation).
 */
export async function deleteSlackUserCredentials(db: Db, userId: string): Promise<number> {
  const result = await db.credential.deleteMany({
    where: { owner: { startsWith: "slack:", endsWith: `:${userId}` } },
  });
  return result.count;
}

/** Owner key of a Slack secret: a person's (team + user) or the workspace's (team only). */
export function slackOwner(teamId: string, userId?: string): string {
  return userId ? `slack:${teamId}:${userId}` : `slack:${teamId}`;
}

/** Owner key of a Microsoft secret: a person's or service account's (tenant + user) or the app's (tenant). */
export function entraOwner(tenantId: string, userId?: string): string {
  return userId ? `entra:${tenantId}:${userId.toLowerCase()}` : `entra:${tenantId}`;
}

/** Whether a secret of this kind is stored for the owner (without decrypting it). */
export async function hasCredential(db: Db, kind: string, owner: string): Promise<boolean> {
  return (await db.credential.count({ where: { kind, owner } })) > 0;
}

/** Takes the row lock of one secret for the rest of the transaction (one refresh at a time). */
export async function lockCredential(tx: Db, kind: string, owner: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Credential" WHERE "kind" = ${kind} AND "owner" = ${owner} FOR UPDATE`;
}

/** Secrets of these kinds that expire before `before`, soonest first (what to refresh). */
export async function listExpiringCredentials(
  db: Db,
  kinds: readonly string[],
  before: Date,
): Promise<{ kind: string; owner: string; expiresAt: Date | null }[]> {
  return db.credential.findMany({
    where: { kind: { in: [...kinds] }, expiresAt: { lte: before } },
    select: { kind: true, owner: true, expiresAt: true },
    orderBy: { expiresAt: "asc" },
  });
}

/** Stored secrets in id order, `limit` after `afterId` (a scan in batches; still sealed). */
export async function listCredentialsAfter(
  db: Db,
  afterId: string | undefined,
  limit: number,
): Promise<Credential[]> {
  return db.credential.findMany({
    take: limit,
    ...(afterId ? { cursor: { id: afterId }, skip: 1 } : {}),
    orderBy: { id: "asc" },
  });
}
