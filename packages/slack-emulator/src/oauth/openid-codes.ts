import { newId } from "../ids.ts";
import { CODE_LIFETIME_MS } from "./oauth-codes.ts";

/** A Sign in with Slack authorization code: like an OAuth v2 code, ten minutes and single use. */
export interface OpenIdCode {
  code: string;
  appId: string;
  userId: string;
  /** The OpenID scopes granted (`openid`, plus `email` / `profile` when asked for). */
  scopes: string[];
  /** The redirect_uri sent to /openid/connect/authorize, if one was sent (openid.connect.token must repeat it). */
  redirectUri: string | null;
  /** Echoed into the id_token. */
  nonce: string | null;
  /** Unix seconds (wall clock) when the person signed in: the id_token's `auth_time`. */
  authTime: number;
  expiresAt: number;
  used: boolean;
}

/**
 * Codes of /openid/connect/authorize, kept apart from OAuth v2 codes: Slack redeems each flow's codes only
 * at its own method (openid.connect.token vs oauth.v2.access).
 */
export class OpenIdCodes {
  readonly #codes = new Map<string, OpenIdCode>();

  issue(fields: Omit<OpenIdCode, "code" | "used" | "expiresAt">, nowMs: number): OpenIdCode {
    const code: OpenIdCode = {
      ...fields,
      code: newId.oauthCode(),
      used: false,
      expiresAt: nowMs + CODE_LIFETIME_MS,
    };
    this.#codes.set(code.code, code);
    return code;
  }

  /** A code that exists, is unused and unexpired, for this app; else undefined. */
  redeemable(value: string, appId: string, nowMs: number): OpenIdCode | undefined {
    const code = this.#codes.get(value);
    if (!code || code.used || code.appId !== appId || code.expiresAt <= nowMs) return undefined;
    return code;
  }
}
