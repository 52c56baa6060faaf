import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

import { BridgeError } from "@presence/core";

import type { KeyRing } from "./key-ring.ts";

const VERSION = "v1";

export interface SealedSecret {
  keyId: string;
  ciphertext: string;
}

/**
 * Encrypts a secret with AES-256-GCM under the ring's current key. `context` (e.g. kind and owner)
 * is bound as additional data, so a ciphertext copied to another row does not decrypt there.
 */
export function sealSecret(ring: KeyRing, plaintext: string, context: string): SealedSecret {
  const key = ring.keys.get(ring.currentId);
  if (!key) throw new BridgeError("internal", "current encryption key missing from the key ring");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), body].map((part) => part.toString("base64url"));
  return { keyId: ring.currentId, ciphertext: [VERSION, ...parts].join(".") };
}

/** Decrypts a sealed secret with whichever key of the ring sealed it. */
export function openSecret(ring: KeyRing, sealed: SealedSecret, context: string): string {
  const key = ring.keys.get(sealed.keyId);
  if (!key) {
    throw new BridgeError(
      "config",
      `A secret is encrypted with key ${sealed.keyId}, which is neither TOKEN_ENCRYPTION_KEY nor in TOKEN_ENCRYPTION_OLD_KEYS`,
    );
  }
  const [version, iv, tag, body] = sealed.ciphertext.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) {
    throw new BridgeError("internal", "Malformed sealed secret");
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch (error) {
    throw new BridgeError("internal", "A secret failed to decrypt (wrong key or tampered data)", {
      cause: error,
    });
  }
}
