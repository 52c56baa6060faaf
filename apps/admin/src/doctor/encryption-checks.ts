import { BridgeError } from "@presence/core";
import { openSecret, parseKeyRing, type DbClient, type KeyRing, listCredentialsAfter } from "@presence/db";

import { fail, notChecked, ok, warn, type CheckResult } from "./check-result.ts";
import type { DoctorEnv } from "./env.ts";

const BATCH = 500;

/** The key ring from TOKEN_ENCRYPTION_KEY and TOKEN_ENCRYPTION_OLD_KEYS, as the apps build it. */
export function checkKeyRing(
  config: DoctorEnv,
  invalid: ReadonlySet<string>,
): { result: CheckResult; ring: KeyRing | null } {
  if (!config.TOKEN_ENCRYPTION_KEY) {
    if (!config.DATABASE_URL && !invalid.has("DATABASE_URL"))
      return {
        result: warn(
          "encryption",
          "key",
          "TOKEN_ENCRYPTION_KEY is not set: the embedded demo keeps its own key under .data/",
        ),
        ring: null,
      };
    return {
      result: fail(
        "encryption",
        "key",
        "TOKEN_ENCRYPTION_KEY is required with DATABASE_URL but not set",
        "Set it to the key the bridges store tokens with (a new install: `openssl rand -base64 32`), the same in every app",
      ),
      ring: null,
    };
  }
  try {
    const ring = parseKeyRing(config.TOKEN_ENCRYPTION_KEY, config.TOKEN_ENCRYPTION_OLD_KEYS);
    const old = ring.keys.size - 1;
    return {
      result: ok(
        "encryption",
        "key",
        `TOKEN_ENCRYPTION_KEY is a valid key (id ${ring.currentId})${old > 0 ? `, with ${old} old key(s)` : ""}`,
      ),
      ring,
    };
  } catch (error) {
    return {
      result: fail(
        "encryption",
        "key",
        BridgeError.from(error).message,
        "Use 32 random bytes, base64 or hex (`openssl rand -base64 32`)",
      ),
      ring: null,
    };
  }
}

/**
 * Every stored secret (Credential) decrypts with the key ring: counted per key id, those under a key
 * the ring lacks and those that fail to decrypt under one it has; nothing decrypted is kept.
 */
export async function checkCredentials(db: DbClient | null, ring: KeyRing | null): Promise<CheckResult> {
  if (!db) return notChecked("encryption", "stored secrets", "no usable database (above)");
  if (!ring) return notChecked("encryption", "stored secrets", "no usable TOKEN_ENCRYPTION_KEY (above)");
  const unknownKey = new Map<string, number>();
  const undecryptable = new Map<string, number>();
  const underOld = new Map<string, number>();
  let total = 0;
  let cursor: string | undefined;
  for (;;) {
    const rows = await listCredentialsAfter(db, cursor, BATCH);
    for (const row of rows) {
      total += 1;
      if (!ring.keys.has(row.keyId)) {
        bump(unknownKey, row.keyId);
        continue;
      }
      try {
        // The additional data every Credential is sealed with (packages/db/src/repositories/credentials.ts).
        openSecret(ring, row, `${row.kind}\u0000${row.owner}`);
        if (row.keyId !== ring.currentId) bump(underOld, row.keyId);
      } catch {
        bump(undecryptable, row.keyId);
      }
    }
    if (rows.length < BATCH) break;
    cursor = rows[rows.length - 1]?.id;
  }
  const failed = sum(unknownKey) + sum(undecryptable);
  if (failed > 0) {
    const parts = [
      ...[...unknownKey].map(
        ([id, n]) =>
          `${n} under key ${id}, which is neither TOKEN_ENCRYPTION_KEY (${ring.currentId}) nor an old key`,
      ),
      ...[...undecryptable].map(([id, n]) => `${n} under key ${id} fail to decrypt (damaged or altered)`),
    ];
    return fail(
      "encryption",
      "stored secrets",
      `${failed} of ${total} stored secret(s) cannot be decrypted: ${parts.join("; ")}`,
      unknownKey.size > 0
        ? "Set TOKEN_ENCRYPTION_KEY to the key they were stored with, or add that key to TOKEN_ENCRYPTION_OLD_KEYS and run `presence rotate-key` (docs/runbooks/key-rotation.md); without it those people must connect again"
        : "Those tokens are lost: the people or workspaces concerned must connect or install again",
    );
  }
  if (total === 0) return ok("encryption", "stored secrets", "no stored secrets yet");
  if (underOld.size > 0)
    return warn(
      "encryption",
      "stored secrets",
      `all ${total} decrypt; ${sum(underOld)} still under old key(s) ${[...underOld.keys()].join(", ")}`,
      "Run `presence rotate-key` to re-encrypt them under TOKEN_ENCRYPTION_KEY, then drop the old key",
    );
  return ok("encryption", "stored secrets", `all ${total} decrypt with key ${ring.currentId}`);
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function sum(counts: Map<string, number>): number {
  return [...counts.values()].reduce((a, b) => a + b, 0);
}
