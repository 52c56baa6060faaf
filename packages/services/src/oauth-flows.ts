import { randomBytes } from "node:crypto";

import { putCredential, takeCredential, type Db, type KeyRing } from "@presence/db";
import type { z } from "zod";

const LIFETIME_MS = 10 * 60_000;
const owner = (id: string) => `oauth-flow:${id}`;

/**
 * A browser sign-in in progress (OAuth state, PKCE verifier, nonce, where to go next), kept
 * server-side and encrypted for ten minutes. Its id travels as the OAuth `state` and in an HttpOnly
 * cookie, and it can be taken once: a replayed or forged callback finds nothing.
 */
export async function saveOAuthFlow(
  db: Db,
  ring: KeyRing,
  kind: string,
  flow: object,
  lifetimeMs = LIFETIME_MS,
): Promise<string> {
  await db.credential.deleteMany({ where: { kind, expiresAt: { lt: new Date() } } });
  const id = randomBytes(24).toString("base64url");
  await putCredential(db, ring, {
    kind,
    owner: owner(id),
    secret: JSON.stringify(flow),
    expiresAt: new Date(Date.now() + lifetimeMs),
  });
  return id;
}

/** Takes a flow out of the store (single use); null when unknown, expired or not of this shape. */
export async function takeOAuthFlow<T extends z.ZodType>(
  db: Db,
  ring: KeyRing,
  kind: string,
  id: string,
  schema: T,
): Promise<z.infer<T> | null> {
  if (!/^[\w-]{32}$/.test(id)) return null;
  const stored = await takeCredential(db, ring, kind, owner(id));
  if (!stored?.expiresAt || stored.expiresAt.getTime() < Date.now()) return null;
  const parsed = schema.safeParse(JSON.parse(stored.secret));
  return parsed.success ? parsed.data : null;
}
