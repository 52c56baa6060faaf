import { createHmac, timingSafeEqual } from "node:crypto";

import { BridgeError } from "@presence/core";
import type { Db, KeyRing } from "@presence/db";
import { z } from "zod";

import { saveOAuthFlow, takeOAuthFlow } from "./oauth-flows.ts";

/**
 * A signed, expiring "connect your account" token. App Home and the admin UI hand a person a link
 * to /slack/connect?state=… or /graph/connect?state=…; the bridge that receives it trusts who the
 * person already proved to be on the other side (their Slack or Microsoft user) because the token
 * is signed with a key derived from TOKEN_ENCRYPTION_KEY.
 */
export const ZConnectState = z.object({
  /**
   * What the person connects now: their Slack or Microsoft account, or — on a link an admin made
   * (`presence graph add-account`) — a Microsoft service account for the Teams bridge's notify mode.
   */
  connect: z.enum(["slack", "microsoft", "microsoft-service-account"]),
  /** Who they already are on the other side, when known. */
  slack: z.object({ teamId: z.string(), userId: z.string() }).optional(),
  entra: z.object({ tenantId: z.string(), userId: z.string() }).optional(),
  /** Expiry, epoch ms. */
  exp: z.number(),
  nonce: z.string().optional(),
});
export type ConnectState = z.infer<typeof ZConnectState>;

function signingKey(ring: KeyRing): Buffer {
  const key = ring.keys.get(ring.currentId);
  if (!key) throw new BridgeError("internal", "current encryption key missing");
  return createHmac("sha256", key).update("presence-bridge connect-state v1").digest();
}

export function createConnectState(
  ring: KeyRing,
  state: Omit<ConnectState, "exp">,
  ttlMs = 30 * 60_000,
  now = Date.now(),
): string {
  const body = Buffer.from(JSON.stringify({ ...state, exp: now + ttlMs })).toString("base64url");
  const mac = createHmac("sha256", signingKey(ring)).update(body).digest("base64url");
  return `${body}.${mac}`;
}

/** The state, if the signature is valid and it has not expired; otherwise an invalid_input error. */
export function readConnectState(ring: KeyRing, token: string, now = Date.now()): ConnectState {
  const [body, mac] = token.split(".");
  if (!body || !mac) throw new BridgeError("invalid_input", "Malformed connect link");
  const expected = createHmac("sha256", signingKey(ring)).update(body).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new BridgeError("invalid_input", "This connect link is not valid");
  }
  const state = ZConnectState.safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
  if (!state.success) throw new BridgeError("invalid_input", "Malformed connect link");
  if (state.data.exp <= now)
    throw new BridgeError("invalid_input", "This connect link has expired; ask for a new one");
  return state.data;
}

const LINK_KIND = "connect_link";
const LINK_TTL_MS = 30 * 60_000;

/**
 * A connect link for one person, usable once: its nonce is kept server-side (encrypted, 30 minutes) and
 * taken when the link is opened, so a copied or replayed link does nothing.
 */
export async function issueConnectLink(
  db: Db,
  ring: KeyRing,
  state: Omit<ConnectState, "exp" | "nonce">,
  now = Date.now(),
): Promise<string> {
  const nonce = await saveOAuthFlow(db, ring, LINK_KIND, {}, LINK_TTL_MS);
  return createConnectState(ring, { ...state, nonce }, LINK_TTL_MS, now);
}

/** Opens a connect link: valid signature, not expired, and never used before (it cannot be used again). */
export async function redeemConnectLink(
  db: Db,
  ring: KeyRing,
  token: string,
  now = Date.now(),
): Promise<ConnectState> {
  const state = readConnectState(ring, token, now);
  const fresh = state.nonce ? await takeOAuthFlow(db, ring, LINK_KIND, state.nonce, z.object({})) : null;
  if (!fresh)
    throw new BridgeError(
      "invalid_input",
      "This connect link was already used; open App Home or the self-service page for a new one",
    );
  return state;
}
