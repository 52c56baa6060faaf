import { newId } from "../ids.ts";

/** Authorization codes live ten minutes and work once. */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;

export interface OAuthCode {
  code: string;
  appId: string;
  userId: string;
  botScopes: string[];
  userScopes: string[];
  /** The redirect_uri sent to /authorize, if one was sent (oauth.v2.access must then repeat it). */
  redirectUri: string | null;
  orgWide: boolean;
  codeChallenge: string | null;
  expiresAt: number;
  used: boolean;
}

export class OAuthCodes {
  readonly #codes = new Map<string, OAuthCode>();

  issue(fields: Omit<OAuthCode, "code" | "used" | "expiresAt">, nowMs: number): OAuthCode {
    const code: OAuthCode = {
      ...fields,
      code: newId.oauthCode(),
      used: false,
      expiresAt: nowMs + CODE_LIFETIME_MS,
    };
    this.#codes.set(code.code, code);
    return code;
  }

  /** A code that exists, is unused and unexpired, for this app; else undefined. */
  redeemable(value: string, appId: string, nowMs: number): OAuthCode | undefined {
    const code = this.#codes.get(value);
    if (!code || code.used || code.appId !== appId || code.expiresAt <= nowMs) return undefined;
    return code;
  }
}
