import { createHash, randomBytes } from "node:crypto";

import type { DbClient, KeyRing } from "@presence/db";
import { saveOAuthFlow, takeOAuthFlow } from "@presence/services";
import { z } from "zod";

const KIND = "admin_sign_in";

/** A sign-in in progress: PKCE verifier, nonce and where the person wanted to go. */
export const ZSignInFlow = z.object({
  provider: z.enum(["microsoft", "slack"]),
  verifier: z.string().min(43),
  nonce: z.string().min(16),
  next: z.string(),
});
export type SignInFlow = z.infer<typeof ZSignInFlow>;

export function newSignInFlow(provider: SignInFlow["provider"], next: string): SignInFlow {
  return {
    provider,
    verifier: randomBytes(32).toString("base64url"),
    nonce: randomBytes(16).toString("base64url"),
    next: safeNext(next),
  };
}

export function codeChallenge(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

export function saveSignInFlow(db: DbClient, ring: KeyRing, flow: SignInFlow): Promise<string> {
  return saveOAuthFlow(db, ring, KIND, flow);
}

export function takeSignInFlow(db: DbClient, ring: KeyRing, id: string): Promise<SignInFlow | null> {
  return takeOAuthFlow(db, ring, KIND, id, ZSignInFlow);
}

/** Only a path of this site: never another origin ("//evil", "/\\evil", "https://…"). */
export function safeNext(next: string): string {
  return /^\/(?![/\\])[\w\-./?=&%~+:@]*$/.test(next) ? next : "";
}
