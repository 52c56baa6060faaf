import { randomBytes } from "node:crypto";

import { deleteCredentials, getCredential, putCredential, type DbClient, type KeyRing } from "@presence/db";
import { z } from "zod";

/** A sign-in in progress: what it is for, and the PKCE verifier (kept server-side, encrypted). */
export const ZPendingSignIn = z.object({
  purpose: z.enum(["person", "service-account"]),
  verifier: z.string().min(43),
  slack: z.object({ teamId: z.string(), userId: z.string() }).optional(),
});
export type PendingSignIn = z.infer<typeof ZPendingSignIn>;

const KIND = "graph_sign_in";
const LIFETIME_MS = 10 * 60_000;
const owner = (id: string) => `graph-sign-in:${id}`;

/** Stores a sign-in for 10 minutes and returns its id (sent as the OAuth `state` and in a cookie). */
export async function savePendingSignIn(db: DbClient, ring: KeyRing, signIn: PendingSignIn): Promise<string> {
  await db.credential.deleteMany({ where: { kind: KIND, expiresAt: { lt: new Date() } } });
  const id = randomBytes(24).toString("base64url");
  await putCredential(db, ring, {
    kind: KIND,
    owner: owner(id),
    secret: JSON.stringify(signIn),
    expiresAt: new Date(Date.now() + LIFETIME_MS),
  });
  return id;
}

/** Takes a sign-in out of the store (single use); null when unknown or expired. */
export async function takePendingSignIn(
  db: DbClient,
  ring: KeyRing,
  id: string,
): Promise<PendingSignIn | null> {
  if (!/^[\w-]{32}$/.test(id)) return null;
  const stored = await getCredential(db, ring, KIND, owner(id));
  if (!stored) return null;
  await deleteCredentials(db, owner(id), [KIND]);
  if (!stored.expiresAt || stored.expiresAt.getTime() < Date.now()) return null;
  const parsed = ZPendingSignIn.safeParse(JSON.parse(stored.secret));
  return parsed.success ? parsed.data : null;
}
