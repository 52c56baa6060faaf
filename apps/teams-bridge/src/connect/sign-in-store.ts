import type { DbClient, KeyRing } from "@presence/db";
import { saveOAuthFlow, takeOAuthFlow } from "@presence/services";
import { z } from "zod";

/** A sign-in in progress: what it is for, and the PKCE verifier (kept server-side, encrypted). */
export const ZPendingSignIn = z.object({
  purpose: z.enum(["person", "service-account"]),
  verifier: z.string().min(43),
  slack: z.object({ teamId: z.string(), userId: z.string() }).optional(),
});
export type PendingSignIn = z.infer<typeof ZPendingSignIn>;

const KIND = "graph_sign_in";

/** Stores a sign-in for 10 minutes and returns its id (sent as the OAuth `state` and in a cookie). */
export async function savePendingSignIn(db: DbClient, ring: KeyRing, signIn: PendingSignIn): Promise<string> {
  return saveOAuthFlow(db, ring, KIND, signIn);
}

/** Takes a sign-in out of the store (single use); null when unknown or expired. */
export async function takePendingSignIn(
  db: DbClient,
  ring: KeyRing,
  id: string,
): Promise<PendingSignIn | null> {
  return takeOAuthFlow(db, ring, KIND, id, ZPendingSignIn);
}
