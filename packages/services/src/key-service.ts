import { rotateCredentials, type DbClient, type KeyRing } from "@presence/db";

/**
 * Re-encrypts every stored secret under TOKEN_ENCRYPTION_KEY. Run it after making the new key
 * current and listing the old one in TOKEN_ENCRYPTION_OLD_KEYS; afterwards the old key can go.
 */
export async function rotateEncryptionKey(
  db: DbClient,
  ring: KeyRing,
): Promise<{ reencrypted: number; keyId: string }> {
  const reencrypted = await rotateCredentials(db, ring);
  return { reencrypted, keyId: ring.currentId };
}
