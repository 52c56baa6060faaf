import { CodeStore } from "./oauth-codes.ts";

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
export class OpenIdCodes extends CodeStore<OpenIdCode> {}
