import { createHash, randomBytes } from "node:crypto";

import { BridgeError } from "@presence/core";

/** Encryption keys for secrets at rest: one current key (new writes) plus old keys (reads during rotation). */
export interface KeyRing {
  currentId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/**
 * Builds a key ring from TOKEN_ENCRYPTION_KEY and the comma-separated TOKEN_ENCRYPTION_OLD_KEYS.
 * Keys are 32 random bytes, written as base64 (44 characters) or hex (64 characters); a key's id is
 * derived from the key itself, so ids never need configuring.
 */
export function parseKeyRing(current: string, old: readonly string[] = []): KeyRing {
  const currentKey = decodeKey(current, "TOKEN_ENCRYPTION_KEY");
  const keys = new Map<string, Buffer>();
  old.forEach((raw, index) => {
    const key = decodeKey(raw, `TOKEN_ENCRYPTION_OLD_KEYS[${index}]`);
    keys.set(keyId(key), key);
  });
  const currentId = keyId(currentKey);
  keys.set(currentId, currentKey);
  return { currentId, keys };
}

/** A new random key, base64-encoded, for TOKEN_ENCRYPTION_KEY. */
export function generateEncryptionKey(): string {
  return randomBytes(32).toString("base64");
}

/** A short, stable, non-secret identifier of a key. */
export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 12);
}

function decodeKey(raw: string, name: string): Buffer {
  const text = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (key.length !== 32) {
    throw new BridgeError(
      "config",
      `${name} must be 32 random bytes as base64 (44 characters) or hex (64 characters)`,
    );
  }
  return key;
}
