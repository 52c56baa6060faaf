import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

import { BridgeError } from "@presence/core";

import { generateEncryptionKey, parseKeyRing, type KeyRing } from "../crypto/key-ring.ts";

export interface ResolveKeyRingOptions {
  key: string | undefined;
  oldKeys: readonly string[];
  /** With the embedded demo store a key is made and kept in this file when none is configured. */
  embeddedKeyFile: string | null;
}

/** The encryption keys: TOKEN_ENCRYPTION_KEY (+ old keys); the embedded demo may keep its own key file. */
export function resolveKeyRing(options: ResolveKeyRingOptions): { ring: KeyRing; generated: boolean } {
  if (options.key) return { ring: parseKeyRing(options.key, options.oldKeys), generated: false };
  if (options.embeddedKeyFile === null) {
    throw new BridgeError(
      "config",
      "Invalid configuration:\n  TOKEN_ENCRYPTION_KEY: is required with DATABASE_URL (32 random bytes, base64: `openssl rand -base64 32`)",
    );
  }
  const file = options.embeddedKeyFile;
  if (existsSync(file))
    return { ring: parseKeyRing(readFileSync(file, "utf8"), options.oldKeys), generated: false };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, generateEncryptionKey(), { mode: 0o600 });
  chmodSync(file, 0o600);
  return { ring: parseKeyRing(readFileSync(file, "utf8"), options.oldKeys), generated: true };
}
